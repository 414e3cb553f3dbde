package com.gridcommand.base.i18n;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One catalogue for what users read: every refusal a service raises and every label a screen asks for by
 * name is in it, in Chinese and English; a refusal without a key never shows its English.
 */
class MessagesTest {

    /** The key a refusal is raised with, or any key of the refusals' own part of the catalogue. */
    private static final Pattern PROBLEM = Pattern.compile("(?:ProblemException\\(\\s*|super\\(\\s*)?\"((?<=ProblemException\\(\")[a-z][A-Za-z0-9_.-]*|problem\\.[A-Za-z0-9_.-]+)\"");
    private static final Pattern NAMED = Pattern.compile("(?:getTranslation|\\bt\\.t|texts\\.t|\\bt)\\(\\s*\"([a-z][A-Za-z0-9_.-]*)\"\\s*[,)]");

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/vaadin-i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static Set<String> keysIn(Pattern pattern) throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) keys.add(m.group(1));
            }
        }
        return keys;
    }

    @Test
    void everyRefusalAServiceRaisesHasItsWordsInBothLanguages() throws IOException {
        Set<String> keys = keysIn(PROBLEM);
        assertThat(keys).contains("problem.case.visitNote", "problem.case.outsideScope", "problem.emergency.title", "problem.user.username",
                "problem.user.noArea", "problem.file.tooBig");
        Properties zh = load("translations_zh_CN.properties");
        Properties en = load("translations_en.properties");
        assertThat(keys).allSatisfy(k -> {
            assertThat(zh).as("Chinese " + k).containsKey(k);
            assertThat(en).as("English " + k).containsKey(k);
        });
    }

    @Test
    void everyTextAScreenAsksForByNameIsInTheCatalogue() throws IOException {
        Properties zh = load("translations_zh_CN.properties");
        assertThat(keysIn(NAMED)).isNotEmpty().allSatisfy(k -> assertThat(zh).as(k).containsKey(k));
    }

    @Test
    void aRefusalReadsInTheScreensLanguageWithItsArgumentsAndOneWithoutAKeyNeverInEnglish() {
        Formats zh = Formats.chinese(ZoneId.of("Asia/Shanghai"));
        Formats en = Formats.of(Locale.ENGLISH, ZoneId.of("Asia/Shanghai"));
        var outside = new ProblemException("problem.case.outsideScope", "the point lies in 溪浦村第9网格, outside your areas", "溪浦村第9网格");
        assertThat(zh.problem(outside)).isEqualTo("该位置属于溪浦村第9网格，不在您的管辖网格内，不能在此登记案件。");
        assertThat(en.problem(outside)).isEqualTo("That place lies in 溪浦村第9网格, outside your grid cells: you cannot register a case there.");
        assertThat(zh.problem(new ProblemException("problem.calendar.weekend", "x", LocalDate.of(2031, 10, 4)))).isEqualTo("2031-10-04是周末，本来就是休息日。");
        assertThat(zh.problem(new IllegalArgumentException("a follow-up visit records what the parties said")))
                .isEqualTo("输入有误，未保存，请检查后重试。");
    }
}
