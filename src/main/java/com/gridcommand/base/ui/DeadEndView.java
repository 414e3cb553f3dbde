package com.gridcommand.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.HttpStatusCode;

/** A page that is a dead end: a plain sentence in the app's frame and the way home, answered with its HTTP status. */
abstract class DeadEndView<E extends Exception> extends Div implements HasErrorParameter<E>, HasDynamicTitle {

    private final String key;
    private final HttpStatusCode status;

    /** @param key the message key of the sentence; {@code key + ".title"} is the page title */
    DeadEndView(String key, HttpStatusCode status) {
        this.key = key;
        this.status = status;
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<E> parameter) {
        removeAll();
        add(new ErrorPanel(key));
        return status.getCode();
    }

    @Override
    public String getPageTitle() {
        return getTranslation(key + ".title") + " · " + getTranslation("app.title");
    }
}
