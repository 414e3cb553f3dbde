package com.gridcommand.base.i18n;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;

import java.time.Duration;
import java.util.Locale;

/**
 * 中文 / English: remembers the choice for the session and, in a year-long cookie, for the next
 * visit, then reloads the page in it. The cookie is set in the browser because with WebSocket push
 * this request has no HTTP response to carry it.
 */
public class LanguageSwitcher extends Select<Locale> {

    public LanguageSwitcher() {
        setItems(Languages.SUPPORTED);
        setItemLabelGenerator(l -> l.equals(Languages.ENGLISH) ? "English" : "中文");
        setAriaLabel("Language / 语言");
        addAttachListener(e -> setValue(e.getUI().getLocale().getLanguage().equals("en") ? Languages.ENGLISH : Languages.CHINESE));
        addValueChangeListener(e -> {
            if (!e.isFromClient() || e.getValue() == null) return;
            UI ui = UI.getCurrent();
            Languages.choose(ui.getSession(), e.getValue());
            String cookie = Languages.COOKIE + "=" + e.getValue().toLanguageTag() + "; path=/; max-age="
                    + Duration.ofDays(365).toSeconds() + "; SameSite=Lax";
            ui.getPage().executeJs("document.cookie = $0; window.location.reload();", cookie);
        });
    }
}
