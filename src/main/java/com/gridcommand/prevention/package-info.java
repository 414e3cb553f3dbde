/** Prevention on the ground: key places (重点部位) to protect and the cameras (技防) that watch. */
package com.gridcommand.prevention;
