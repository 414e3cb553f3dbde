package com.gridcommand.changefeed;

/**
 * One row changed.
 *
 * @param table the table the trigger fired on (gov_case, responder, hotspot), or "*" for a bulk reload
 */
public record MapChange(String table, long id, Op op) {

    public enum Op { INSERT, UPDATE, DELETE, RELOAD }

    /** The topic the changed row is published under. */
    public ChangeTopic topic() {
        return ChangeTopic.rowsOf(table);
    }

    public boolean isReload() {
        return op == Op.RELOAD;
    }
}
