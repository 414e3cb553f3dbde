package com.gridcommand.security.ui;

import com.gridcommand.base.i18n.LanguageSwitcher;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import java.util.List;
import java.util.Map;

/** Sign-in, in the user's language, with a plain reason when it fails (wrong password, locked, disabled). */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();
    private final Paragraph notice = new Paragraph();

    private final int lockMinutes;

    public LoginView(@org.springframework.beans.factory.annotation.Value("${gridcommand.security.login.lock-minutes:15}") int lockMinutes) {
        this.lockMinutes = lockMinutes;
        addClassName("gc-login");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.credentials"));
        form.setI18n(i18n);
        notice.setId("login-notice");
        notice.addClassName("gc-login-notice");
        notice.setVisible(false);
        H1 title = new H1(getTranslation("app.title"));
        title.addClassName("gc-login-title");
        add(title, form, notice, new LanguageSwitcher());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("error")) {
            String reason = parameters.get("error").stream().findFirst().orElse("credentials");
            String key = switch (reason) {
                case "locked" -> "login.error.locked";
                case "disabled" -> "login.error.disabled";
                case "expired" -> "login.error.expired";
                case "tooMany" -> "login.error.tooMany";
                default -> "login.error.credentials";
            };
            LoginI18n i18n = LoginI18n.createDefault();
            i18n.getForm().setTitle(getTranslation("login.title"));
            i18n.getForm().setUsername(getTranslation("login.username"));
            i18n.getForm().setPassword(getTranslation("login.password"));
            i18n.getForm().setSubmit(getTranslation("login.submit"));
            i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
            i18n.getErrorMessage().setMessage(getTranslation(key, lockMinutes));
            form.setI18n(i18n);
            form.setError(true);
        }
        if (parameters.containsKey("ended")) show("login.ended");
        else if (parameters.containsKey("lost")) show("login.lost");
        else if (parameters.containsKey("out")) show("login.signedOut");
    }

    private void show(String key) {
        notice.setText(getTranslation(key));
        notice.setVisible(true);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.title");
    }
}
