package com.gridcommand.casework;

/** The point given for a case lies outside the city or outside the caller's areas. */
public class CaseLocationException extends IllegalArgumentException {

    public CaseLocationException(String message) {
        super(message);
    }
}
