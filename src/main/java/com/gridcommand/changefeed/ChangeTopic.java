package com.gridcommand.changefeed;

/**
 * What a feature publishes its changes under. The feature that owns the rows declares its topics beside its
 * service (e.g. {@code CaseService.CHANGES}); screens subscribe to those constants and never spell a table name.
 * The change feed itself keys changes by the table its trigger fired on, which is why a topic knows it.
 */
public record ChangeTopic(String table) {

    public ChangeTopic {
        if (table == null || !table.matches("[a-z_]+")) throw new IllegalArgumentException("not a table: " + table);
    }

    /** The topic of the rows of one table; only the feature owning the table calls this. */
    public static ChangeTopic rowsOf(String table) {
        return new ChangeTopic(table);
    }
}
