package com.gridcommand.security;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SQL conditions for an {@link AccessScope}, used by every module's queries so the rule is written once.
 * They take three named parameters, bound by {@link #bind}: {@code :scopeCity}, {@code :scopeCells} and
 * {@code :scopeTownships}.
 */
public final class ScopeSql {

    private ScopeSql() {
    }

    /** The cell code (text expression) is in scope. */
    public static String cellCode(String codeExpression) {
        return "(:scopeCity or " + codeExpression + " like any (array[:scopeCells]::text[]))";
    }

    /** The row's grid cell (id expression) is in scope. */
    public static String cellId(String cellIdExpression) {
        return "(:scopeCity or exists (select 1 from grid_cell scope_c where scope_c.id = " + cellIdExpression
                + " and scope_c.code like any (array[:scopeCells]::text[])))";
    }

    /** The area (a community or township id) has at least one grid cell in scope. */
    public static String communityId(String communityIdExpression) {
        return "(:scopeCity or exists (select 1 from grid_cell scope_c where scope_c.community_id = " + communityIdExpression
                + " and scope_c.code like any (array[:scopeCells]::text[])))";
    }

    public static String townshipId(String townshipIdExpression) {
        return "(:scopeCity or exists (select 1 from grid_cell scope_c join community scope_m on scope_m.id = scope_c.community_id"
                + " where scope_m.township_id = " + townshipIdExpression + " and scope_c.code like any (array[:scopeCells]::text[])))";
    }

    /**
     * A thing a township owns as a whole: in scope if its township is wholly in scope, or — for users of
     * a smaller area in that township — if its geometry reaches one of their cells.
     */
    public static String ownedByTownship(String townshipIdExpression, String geometryExpression) {
        return "(:scopeCity or exists (select 1 from township scope_t where scope_t.id = " + townshipIdExpression
                + " and scope_t.code like any (array[:scopeTownships]::text[]))"
                + " or exists (select 1 from grid_cell scope_c join community scope_m on scope_m.id = scope_c.community_id"
                + " where scope_m.township_id = " + townshipIdExpression
                + " and scope_c.code like any (array[:scopeCells]::text[]) and ST_Intersects(scope_c.geom, " + geometryExpression + ")))";
    }

    /** For changing things a township owns as a whole: only users of that whole township (or the city) may. */
    public static String townshipWholly(String townshipIdExpression) {
        return "(:scopeCity or exists (select 1 from township scope_t where scope_t.id = " + townshipIdExpression
                + " and scope_t.code like any (array[:scopeTownships]::text[])))";
    }

    public static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, AccessScope scope) {
        return spec.param("scopeCity", scope.isCity()).param("scopeCells", scope.cellPatterns())
                .param("scopeTownships", scope.wholeTownshipPatterns());
    }
}
