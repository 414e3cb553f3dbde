package com.gridcommand.base.ui;

import com.gridcommand.base.web.DatabaseOutage;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.HttpStatusCode;
import com.vaadin.flow.server.VaadinResponse;
import jakarta.annotation.security.PermitAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A view failed to open. While the database is away that is a 503 that says so and retries by itself;
 * anything else is logged with its stack trace for us and shown as a plain sentence (never the trace).
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class FailureView extends Div implements HasErrorParameter<Exception>, HasDynamicTitle {

    private static final Logger log = LoggerFactory.getLogger(FailureView.class);

    private String key = "page.failed";

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        removeAll();
        boolean outage = DatabaseOutage.causedBy(parameter.getCaughtException());
        key = outage ? "page.unavailable" : "page.failed";
        add(new ErrorPanel(key));
        if (outage) {
            // Back by itself: reload the address once the database may be up again.
            getElement().executeJs("setTimeout(() => window.location.reload(), $0)", DatabaseOutage.RETRY_AFTER_SECONDS * 1000);
            VaadinResponse response = VaadinResponse.getCurrent();
            if (response != null) response.setHeader("Retry-After", Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
            return HttpStatusCode.SERVICE_UNAVAILABLE.getCode();
        }
        log.error("Could not open {}", event.getLocation().getPath(), parameter.getCaughtException());
        return HttpStatusCode.INTERNAL_SERVER_ERROR.getCode();
    }

    @Override
    public String getPageTitle() {
        return getTranslation(key + ".title") + " · " + getTranslation("app.title");
    }
}
