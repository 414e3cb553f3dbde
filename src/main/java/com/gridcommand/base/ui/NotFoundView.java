package com.gridcommand.base.ui;

import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.HttpStatusCode;
import jakarta.annotation.security.PermitAll;

/** An address that is no view (or a record that does not exist): a 404 in the app's frame, in the user's language. */
@ParentLayout(MainLayout.class)
@PermitAll
public class NotFoundView extends DeadEndView<NotFoundException> {

    public NotFoundView() {
        super("page.notFound", HttpStatusCode.NOT_FOUND);
    }
}
