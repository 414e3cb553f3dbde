package com.gridcommand.changefeed;

import java.time.Instant;

/**
 * One row changed.
 *
 * @param table the table the trigger fired on (gov_case, responder, hotspot), or "*" for a bulk reload
 * @param at    when the row changed, by the database's clock (null if the notification does not say)
 */
public record MapChange(String table, long id, Op op, Instant at) {

    public enum Op { INSERT, UPDATE, DELETE, RELOAD }

    public MapChange(String table, long id, Op op) {
        this(table, id, op, null);
    }

    /** The topic the changed row is published under. */
    public ChangeTopic topic() {
        return ChangeTopic.rowsOf(table);
    }

    public boolean isReload() {
        return op == Op.RELOAD;
    }
}
