/** The hotspot feature's screen (重点地区: register, detection, trends) and its map layer, which every map draws. */
package com.gridcommand.hotspot.ui;
