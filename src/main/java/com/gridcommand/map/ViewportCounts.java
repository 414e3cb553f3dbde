package com.gridcommand.map;

/** What the side panel counts in the visible part of the map. */
record ViewportCounts(int openCases, int overdueCases, int availableResponders, int activeHotspots) {
}
