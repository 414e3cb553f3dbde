package com.gridcommand.casework;

/** Someone else saved the case after it was read: nothing was overwritten; reload and edit again. */
public class CaseConflictException extends RuntimeException {

    public CaseConflictException(String code) {
        super("case " + code + " was changed by someone else meanwhile: reload it and make the change again");
    }
}
