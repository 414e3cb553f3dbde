package com.gridcommand.base;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Chinese and English say the same things: no key only one language has. */
class TranslationsTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TranslationsTest.class.getResourceAsStream("/vaadin-i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndTheDefaultIsChinese() throws IOException {
        Properties zh = load("translations_zh_CN.properties");
        Properties en = load("translations_en.properties");
        assertThat(en.stringPropertyNames()).isEqualTo(zh.stringPropertyNames());
        assertThat(load("translations.properties")).isEqualTo(zh);
        assertThat(zh.getProperty("case.step.SUPERVISION")).isEqualTo("跟踪督办");
    }
}
