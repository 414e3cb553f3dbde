/** The prevention feature's map layers: key places and cameras. */
package com.gridcommand.prevention.ui;
