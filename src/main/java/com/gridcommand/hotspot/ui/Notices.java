package com.gridcommand.hotspot.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The 重点地区 screen's notifications: done briefly at the bottom, an error longer in the middle. */
final class Notices {

    private Notices() {
    }

    static void done(String text) {
        Notification.show(text, 3000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.SUCCESS);
    }

    static void error(String text) {
        Notification.show(text, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.ERROR);
    }

    static void drawHint(String text) {
        Notification.show(text, 4000, Notification.Position.BOTTOM_START);
    }
}
