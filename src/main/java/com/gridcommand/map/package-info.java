/**
 * The command map: the home page. Composes the layers of every feature module on one live map,
 * loads them per viewport, and keeps them current from the change feed.
 */
package com.gridcommand.map;
