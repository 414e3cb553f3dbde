package com.gridcommand.base.ui;

import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.server.CustomizedSystemMessages;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import java.util.Locale;

/**
 * What an open page says when its server-side session is gone — the app node that held it died or was
 * restarted (behind the proxy the next request lands on another node), or the session timed out. Instead of
 * Vaadin's English "Session Expired" box the browser goes straight to the sign-in page, which says in the
 * user's language what happened and that nothing saved was lost ({@code login?lost}). While the connection
 * is only interrupted, the reconnect notice says so in the user's language too.
 */
@org.springframework.stereotype.Component
class SessionLostMessages implements VaadinServiceInitListener {

    /** Where a page whose session is gone goes (under the context path): the sign-in page, with the notice {@code login.lost}. */
    static final String LOST_URL = "/login?lost";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        I18NProvider i18n = event.getSource().getInstantiator().getI18NProvider();
        event.getSource().setSystemMessagesProvider(info -> messages(i18n, info.getLocale(),
                info.getRequest() == null ? "" : info.getRequest().getContextPath()));
        event.getSource().addUIInitListener(e -> {
            Locale locale = e.getUI().getLocale();
            e.getUI().getReconnectDialogConfiguration().setDialogText(i18n.getTranslation("connection.reconnecting", locale));
            e.getUI().getReconnectDialogConfiguration().setDialogTextGaveUp(i18n.getTranslation("connection.gaveUp", locale));
        });
    }

    static CustomizedSystemMessages messages(I18NProvider i18n, Locale locale, String contextPath) {
        Locale l = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
        CustomizedSystemMessages m = new CustomizedSystemMessages();
        m.setSessionExpiredNotificationEnabled(false);
        m.setSessionExpiredURL(contextPath + LOST_URL);
        m.setSessionExpiredCaption(i18n.getTranslation("login.lost.title", l));
        m.setSessionExpiredMessage(i18n.getTranslation("login.lost", l));
        m.setInternalErrorCaption(i18n.getTranslation("system.internalError.title", l));
        m.setInternalErrorMessage(i18n.getTranslation("system.internalError.text", l));
        m.setCookiesDisabledCaption(i18n.getTranslation("system.cookies.title", l));
        m.setCookiesDisabledMessage(i18n.getTranslation("system.cookies.text", l));
        m.setSyncErrorCaption(i18n.getTranslation("system.syncError.title", l));
        m.setSyncErrorMessage(i18n.getTranslation("system.syncError.text", l));
        return m;
    }
}
