/**
 * The demo city's recent past, so that it behaves like a city that has been running: patrol tracks along the routes
 * in their windows (most patrols done, some missed, some late or cut short, night stops at hotspots), grid workers'
 * daytime rounds of their community and village guards' night rounds, the patrol presence rollup of the months
 * before, and finished dispatches with their response times. Generated once, when the demo city is loaded.
 */
package com.gridcommand.demo;
