package com.gridcommand.casework;

/** Open cases in a view, and how many of them are past their deadline. */
public record CaseCounts(int open, int overdue) {
}
