package com.gridcommand.base.i18n;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A refusal a user reads: bad input, or a rule that forbids the change. It carries a key of the message
 * catalogue and its arguments, which a screen translates ({@link Formats#problem}); the message is English
 * for logs and tests only and never reaches a screen. Arguments are what the sentence names — a cell, a
 * number, a file name, a date — never a time with a zone and never a code the reader would not know.
 */
public class ProblemException extends IllegalArgumentException {

    private final String key;
    private final transient List<Object> args;

    public ProblemException(String key, String message, Object... args) {
        super(message);
        this.key = key;
        this.args = Collections.unmodifiableList(Arrays.asList(args.clone()));
    }

    public String key() {
        return key;
    }

    public List<Object> args() {
        return args;
    }
}
