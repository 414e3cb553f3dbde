/**
 * The leaders' review (考评): casework, response, patrol presence and hotspot progress per township, community and
 * grid cell for a month, the "ten best stations" ranking, trends over months and the review's export.
 */
package com.gridcommand.review;
