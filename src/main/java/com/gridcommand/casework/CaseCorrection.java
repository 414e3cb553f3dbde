package com.gridcommand.casework;

/**
 * Corrected registration details of a case, made against the version the user saw.
 *
 * @param expectedVersion the version read before editing: if someone saved in between, the save is refused
 */
public record CaseCorrection(long id, String title, String description, String category, int severity, long expectedVersion) {
}
