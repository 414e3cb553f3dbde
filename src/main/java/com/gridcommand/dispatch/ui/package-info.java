/** The dispatcher's screen (status board, candidates, live reach, emergencies) and the responder's own tasks. */
package com.gridcommand.dispatch.ui;
