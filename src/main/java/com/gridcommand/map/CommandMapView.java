package com.gridcommand.map;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;

@Route("")
class CommandMapView extends Div {
    CommandMapView() {
        setText("GridCommand");
    }
}
