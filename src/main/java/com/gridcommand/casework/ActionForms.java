package com.gridcommand.casework;

import java.util.Arrays;
import java.util.List;

/**
 * What the case page offers for an action: which action moves the case on in the normal course of its step (the
 * page's primary button), what the action's text field asks for, how joint units are typed, and the supervision
 * levels to choose from.
 */
public final class ActionForms {

    /** Joint units are separated by commas, 、 or semicolons, in either width. */
    public static final String UNIT_SEPARATORS = "[,，、;；]";
    public static final List<String> SUPERVISION_LEVELS = List.of("NONE", "TOWNSHIP", "CITY");

    private ActionForms() {
    }

    /** The action that moves the case on in the normal course of things (null: none, as when closed). */
    public static CaseAction primary(CaseStep step) {
        return switch (step) {
            case INTAKE -> CaseAction.ROUTE;
            case ROUTING -> CaseAction.SIGN;
            case SUPERVISION -> CaseAction.REPORT;
            case FEEDBACK -> CaseAction.ACCEPT;
            case FOLLOW_UP -> CaseAction.FOLLOW_UP;
            default -> null;
        };
    }

    /** The message key of the action's text field: an outcome, a reason, a visit, or a note. */
    public static String noteKey(CaseAction action) {
        return switch (action) {
            case REPORT -> "case.input.outcome";
            case REJECT, ESCALATE, REFER, REOPEN -> "case.input.reason";
            case FOLLOW_UP -> "case.input.visit";
            default -> "case.input.note";
        };
    }

    /** The joint units as typed, split at each separator (empty parts kept, trailing ones dropped, no trimming). */
    public static List<String> jointUnits(String typed) {
        return Arrays.asList(typed.split(UNIT_SEPARATORS));
    }
}
