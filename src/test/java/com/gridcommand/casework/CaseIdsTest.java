package com.gridcommand.casework;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A case id in an address is a whole number as written, or nothing. */
class CaseIdsTest {

    @Test
    void parsesWholeNumbersOnly() {
        assertThat(CaseIds.parse("42")).contains(42L);
        assertThat(CaseIds.parse("-3")).contains(-3L);
        assertThat(CaseIds.parse("9223372036854775807")).contains(Long.MAX_VALUE);
        assertThat(CaseIds.parse("9223372036854775808")).isEmpty();
        assertThat(CaseIds.parse(" 42")).as("no spaces").isEmpty();
        assertThat(CaseIds.parse("4.2")).isEmpty();
        assertThat(CaseIds.parse("abc")).isEmpty();
        assertThat(CaseIds.parse("")).isEmpty();
        assertThat(CaseIds.parse(null)).isEmpty();
    }
}
