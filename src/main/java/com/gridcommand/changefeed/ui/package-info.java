/** Pushing the change feed to open views (map, case list, alerts) over Vaadin Push. */
@org.springframework.modulith.NamedInterface("ui")
package com.gridcommand.changefeed.ui;
