package com.gridcommand.gisdata;

import java.util.Map;

/**
 * A load has been stored (published after its commit, in the loading thread).
 *
 * @param stored features per layer
 * @param demo   the data was the demo's (its dates were moved to today): features may add the demo city's recent past
 */
public record GisDataLoaded(Map<String, Integer> stored, boolean demo) {
}
