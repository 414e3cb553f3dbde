package com.gridcommand.dispatch;

import java.util.List;

/**
 * An assignment or step that cannot happen. {@link #reason()} and {@link #args()} let a view say why in the
 * user's language ({@code dispatch.refused.<reason>}); the message says it in English for logs and the API.
 */
public class AssignmentRefusedException extends RuntimeException {

    public enum Reason {
        /** Someone else assigned this responder first: args name, target, by whom, when. */
        TAKEN,
        /** The responder's status does not allow it: args name, status. */
        NOT_DISPATCHABLE,
        /** The case is closed or the emergency ended: args target. */
        TARGET_CLOSED,
        /** The assignment has moved on: args current status, wanted status. */
        STEP,
        /** Only the responder themself (or a dispatcher) may report this step. */
        NOT_YOURS
    }

    private final Reason reason;
    private final List<Object> args;

    public AssignmentRefusedException(Reason reason, String message, Object... args) {
        super(message);
        this.reason = reason;
        this.args = List.of(args);
    }

    public Reason reason() {
        return reason;
    }

    public List<Object> args() {
        return args;
    }
}
