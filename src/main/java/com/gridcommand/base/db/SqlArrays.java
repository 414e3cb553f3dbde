package com.gridcommand.base.db;

import java.util.Collection;

/**
 * Values bound as one PostgreSQL array parameter: {@code .param("units", SqlArrays.text(units))} with
 * {@code :units::text[]} in the SQL (keep the cast: it says the type where the SQL is read).
 * <p>
 * A Java array, not a {@code List}: Spring's named parameters expand a collection into {@code ?, ?, ?} (right for
 * {@code in (:codes)}, wrong for an array), while an array stays one parameter, which pgjdbc sends as a typed
 * array (text[], int8[], float8[], int2[]) — each element exactly as it is, commas, quotes and backslashes included,
 * with no literal to build or escape.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** For {@code ::text[]}. */
    public static String[] text(Collection<String> values) {
        return values.toArray(String[]::new);
    }

    /** For {@code ::bigint[]}. */
    public static Long[] bigint(Collection<? extends Number> values) {
        return values.stream().map(Number::longValue).toArray(Long[]::new);
    }

    /** For {@code ::float8[]}. */
    public static Double[] float8(Collection<? extends Number> values) {
        return values.stream().map(Number::doubleValue).toArray(Double[]::new);
    }

    /** For {@code ::smallint[]}; a value out of its range is refused, not wrapped. */
    public static Short[] smallint(Collection<? extends Number> values) {
        return values.stream().map(v -> {
            long n = v.longValue();
            if (n != (short) n) throw new IllegalArgumentException(n + " does not fit a smallint");
            return (short) n;
        }).toArray(Short[]::new);
    }
}
