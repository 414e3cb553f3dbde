package com.gridcommand.dispatch.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.dispatch.AssignmentRefusedException;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Why an assignment or step did not happen, in words: statuses by their labels, times in the city's zone, people by name. */
final class Refusals {

    private Refusals() {
    }

    static String text(Texts t, AssignmentRefusedException e) {
        List<Object> args = new ArrayList<>(e.args());
        switch (e.reason()) {
            case TAKEN -> {
                if (args.size() == 4) {
                    args.set(2, t.actor(String.valueOf(args.get(2))));
                    if (args.get(3) instanceof OffsetDateTime at) args.set(3, t.dateTime(at));
                }
            }
            case NOT_DISPATCHABLE -> {
                if (args.size() == 2) args.set(1, t.label("responder.status", args.get(1)));
            }
            case STEP -> {
                for (int i = 0; i < args.size(); i++) args.set(i, t.label("assignment.status", args.get(i)));
            }
            default -> { }
        }
        return t.t("dispatch.refused." + e.reason(), args.toArray());
    }
}
