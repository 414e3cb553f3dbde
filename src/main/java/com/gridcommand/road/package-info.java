/**
 * The road network: segments from junction to junction with speeds and one-way flags, kept
 * pgRouting-ready (source, target, cost, reverse_cost). It is the basemap and, later, the graph
 * for travel times.
 */
package com.gridcommand.road;
