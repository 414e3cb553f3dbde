package com.gridcommand.base.ui;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.HttpStatusCode;
import jakarta.annotation.security.PermitAll;

/** A signed-in user opened a view their role may not: say so plainly (not "could not navigate"), with the way home. */
@ParentLayout(MainLayout.class)
@PermitAll
public class AccessDeniedView extends DeadEndView<AccessDeniedException> {

    public AccessDeniedView() {
        super("page.forbidden", HttpStatusCode.FORBIDDEN);
    }
}
