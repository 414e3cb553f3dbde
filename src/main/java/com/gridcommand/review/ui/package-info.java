/** The leaders' review screen. */
package com.gridcommand.review.ui;
