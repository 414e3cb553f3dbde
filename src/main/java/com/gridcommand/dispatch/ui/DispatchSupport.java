package com.gridcommand.dispatch.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.dispatch.AssignmentRefusedException;
import com.gridcommand.dispatch.TravelTime;
import com.gridcommand.security.CurrentUser;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** What the dispatcher's panels share: how a refused or denied action is said, and how travel times read. */
final class DispatchSupport {

    private DispatchSupport() {
    }

    /** Runs {@code action}, saying so if it was refused or denied, then {@code after} in any case. */
    static void attempt(Texts t, Runnable action, Runnable after) {
        try {
            action.run();
        } catch (AssignmentRefusedException e) {
            refused(t, e);
        } catch (CurrentUser.AccessDeniedException e) {
            error(t.t("error.denied"));
        }
        after.run();
    }

    static void refused(Texts t, AssignmentRefusedException e) {
        Notification n = Notification.show(Refusals.text(t, e), 8000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.ERROR);
        n.addClassName("gc-refused");
    }

    static void error(String message) {
        Notification.show(message, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.ERROR);
    }

    static String minutes(Texts t, TravelTime travel) {
        return t.t(travel.method() == TravelTime.Method.ROAD ? "dispatch.etaRoad" : "dispatch.etaStraight", travel.minutesRoundedUp());
    }

    static String point(double lon, double lat) {
        return "{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}";
    }
}
