/**
 * The change feed: every change the live map shows is announced by the database (NOTIFY map_change
 * from table triggers) and republished here as {@link com.gridcommand.changefeed.MapChanges} events.
 * Because it flows through PostgreSQL, every app node on the same database hears every change.
 */
package com.gridcommand.changefeed;
