package com.gridcommand.base.ui;

import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.NavigationState;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * An address that is no view, or a view the user may not open, is rendered in the first response, so
 * the page itself carries the error view's status (404, 403) instead of a 200 that shows an error.
 * Every other page loads as before (the map's component needs the page before the view).
 */
@Component
class ErrorStatusBootstrap implements VaadinServiceInitListener {

    private final AccessAnnotationChecker access;

    ErrorStatusBootstrap(AccessAnnotationChecker access) {
        this.access = access;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        VaadinService service = event.getSource();
        service.setBootstrapInitialPredicate(request -> endsInAnErrorView(service, request));
    }

    private boolean endsInAnErrorView(VaadinService service, VaadinRequest request) {
        if (!(request instanceof VaadinServletRequest servlet)) return false;
        String path = servlet.getPathInfo() == null ? "" : servlet.getPathInfo().replaceFirst("^/", "");
        Optional<NavigationState> target = service.getRouter().resolveNavigationTarget(new Location(path));
        return target.isEmpty() || !access.hasAccess(target.get().getNavigationTarget(), servlet.getHttpServletRequest());
    }
}
