package com.gridcommand.security.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.security.CurrentUser;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Runs a user's action from the map and says plainly whether it worked. */
public final class Attempts {

    private Attempts() {
    }

    public static void attempt(Texts t, Runnable action, Runnable changed) {
        try {
            action.run();
            Notification.show(t.t("action.done"), 2500, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.SUCCESS);
            changed.run();
        } catch (CurrentUser.AccessDeniedException e) {
            Notification.show(t.t("error.denied"), 5000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.ERROR);
        } catch (IllegalArgumentException e) {
            Notification.show(t.problem(e), 5000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.ERROR);
        }
    }
}
