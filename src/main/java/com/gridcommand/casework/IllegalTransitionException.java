package com.gridcommand.casework;

/** The action does not apply to a case in its current step (or not for this role). */
public class IllegalTransitionException extends RuntimeException {

    private final CaseStep step;
    private final CaseAction action;

    public IllegalTransitionException(CaseStep step, CaseAction action) {
        super("a case in step " + step + " cannot take " + action);
        this.step = step;
        this.action = action;
    }

    public CaseStep step() {
        return step;
    }

    public CaseAction action() {
        return action;
    }
}
