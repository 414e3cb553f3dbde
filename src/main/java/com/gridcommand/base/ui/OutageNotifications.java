package com.gridcommand.base.ui;

import com.gridcommand.base.web.DatabaseOutage;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import java.util.Optional;

/**
 * A click or a live update that fails because the database is away tells the user so (and that nothing
 * was done) instead of failing silently; the open page stays as it is and works again once it is back.
 */
@org.springframework.stereotype.Component
class OutageNotifications implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(e -> e.getSession().setErrorHandler(new OutageAwareErrorHandler()));
    }

    static final class OutageAwareErrorHandler implements ErrorHandler {

        private final ErrorHandler otherwise = new DefaultErrorHandler();

        @Override
        public void error(ErrorEvent event) {
            Optional<UI> ui = event.getComponent().flatMap(Component::getUI).or(() -> Optional.ofNullable(UI.getCurrent()));
            if (!DatabaseOutage.causedBy(event.getThrowable()) || ui.isEmpty()) {
                otherwise.error(event);
                return;
            }
            Notification notice = new Notification(ui.get().getTranslation("page.unavailable.notice"), 5000, Notification.Position.TOP_CENTER);
            notice.addThemeVariants(NotificationVariant.LUMO_ERROR);
            notice.setId("database-unavailable");
            ui.get().add(notice);
            notice.addOpenedChangeListener(e -> {
                if (!e.isOpened()) notice.removeFromParent();
            });
            notice.open();
        }
    }
}
