/**
 * The dispatcher's screen (status board, candidates, live reach, emergencies), the responder's own tasks, and how
 * responders look on every map ({@link com.gridcommand.dispatch.ui.ResponderLayers}).
 */
@org.springframework.modulith.NamedInterface("ui")
package com.gridcommand.dispatch.ui;
