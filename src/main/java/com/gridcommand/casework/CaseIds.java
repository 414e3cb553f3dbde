package com.gridcommand.casework;

import java.util.Optional;

/** A case id as it comes in an address (/cases/ID, dispatch?case=ID): a whole number, or none at all. */
public final class CaseIds {

    private CaseIds() {
    }

    /** The id {@code text} spells exactly (no spaces), or empty for anything else (including null). */
    public static Optional<Long> parse(String text) {
        if (text == null) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
