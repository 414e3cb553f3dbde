package com.gridcommand.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scopes as code prefixes: what each kind covers and contains. */
class AccessScopeTest {

    static final AccessScope TOWNSHIP = AccessScope.of(ScopeKind.TOWNSHIP, List.of("331099101000"));
    static final AccessScope COMMUNITY = AccessScope.of(ScopeKind.COMMUNITY, List.of("331099101201"));
    static final AccessScope CELLS = AccessScope.of(ScopeKind.CELLS, List.of("331099101201003", "331099101201004"));

    @Test
    void eachKindCoversTheCellsBelowIt() {
        assertThat(AccessScope.CITY.coversCell("331099201204001")).isTrue();
        assertThat(TOWNSHIP.coversCell("331099101205007")).isTrue();
        assertThat(TOWNSHIP.coversCell("331099102201001")).isFalse();
        assertThat(COMMUNITY.coversCell("331099101201009")).isTrue();
        assertThat(COMMUNITY.coversCell("331099101202001")).isFalse();
        assertThat(CELLS.coversCell("331099101201003")).isTrue();
        assertThat(CELLS.coversCell("331099101201005")).isFalse();
        assertThat(AccessScope.NONE.coversCell("331099101201003")).isFalse();
    }

    @Test
    void onlyCityAndTownshipScopesOwnWholeTownships() {
        assertThat(AccessScope.CITY.wholeTownshipPatterns()).containsExactly("%");
        assertThat(TOWNSHIP.wholeTownshipPatterns()).containsExactly("331099101000");
        assertThat(COMMUNITY.wholeTownshipPatterns()).isEmpty();
        assertThat(CELLS.wholeTownshipPatterns()).isEmpty();
    }

    @Test
    void aScopeContainsOnlyWhatLiesInsideIt() {
        assertThat(AccessScope.CITY.contains(TOWNSHIP)).isTrue();
        assertThat(TOWNSHIP.contains(COMMUNITY)).isTrue();
        assertThat(TOWNSHIP.contains(CELLS)).isTrue();
        assertThat(COMMUNITY.contains(CELLS)).isTrue();
        assertThat(CELLS.contains(COMMUNITY)).isFalse();
        assertThat(TOWNSHIP.contains(AccessScope.CITY)).isFalse();
        assertThat(TOWNSHIP.contains(AccessScope.of(ScopeKind.TOWNSHIP, List.of("331099102000")))).isFalse();
    }

    @Test
    void malformedCodesAreRefused() {
        assertThatThrownBy(() -> AccessScope.of(ScopeKind.TOWNSHIP, List.of("331099101001"))).hasMessageContaining("not a township code");
        assertThatThrownBy(() -> AccessScope.of(ScopeKind.CELLS, List.of("3310991012010' or '1'='1"))).hasMessageContaining("not a cells code");
    }
}
