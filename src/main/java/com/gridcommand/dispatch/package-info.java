/** Responders on the ground: who they are, their status, and where they were last seen. */
package com.gridcommand.dispatch;
