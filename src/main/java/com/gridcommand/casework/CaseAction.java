package com.gridcommand.casework;

/** What can happen to a case; each is one entry in its timeline. */
public enum CaseAction {
    REGISTER, ROUTE, SIGN, REPORT, ACCEPT, REJECT, FOLLOW_UP, ESCALATE, REFER, JOINT, REOPEN, SUPERVISE, CORRECT,
    /** A case that came with imported map data, with its history before the system. */
    IMPORT
}
