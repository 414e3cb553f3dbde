package com.gridcommand.base.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.lumo.Lumo;

/** Page-level settings: Lumo theme, our styles, and Push over WebSocket for the live map. */
@Push(value = PushMode.AUTOMATIC, transport = Transport.WEBSOCKET)
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("context://assets/styles/gridcommand.css")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("GridCommand 综治指挥");
        settings.addMetaTag("viewport", "width=device-width, initial-scale=1");
        settings.addFavIcon("icon", "assets/icons/icon-32.png", "32x32");
    }
}
