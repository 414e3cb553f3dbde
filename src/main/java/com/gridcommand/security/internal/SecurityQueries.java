package com.gridcommand.security.internal;

import com.gridcommand.base.db.SqlArrays;
import com.gridcommand.security.AccessScope;
import com.gridcommand.security.AuditService.AuditQuery;
import com.gridcommand.security.DeviceService.Device;
import com.gridcommand.security.Role;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The security module's SQL behind its public services: accounts as the administrators change them
 * ({@link com.gridcommand.security.UserService}), device credentials ({@link com.gridcommand.security.DeviceService})
 * and the audit trail as leaders and administrators read it, limited to their areas ({@link com.gridcommand.security.AuditService}).
 * Reading accounts is {@link GridUserRepository}'s; the login throttle keeps its own tables ({@link LoginThrottle}).
 */
@Component
public class SecurityQueries {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SecurityQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // ---- accounts -----------------------------------------------------------------------------------------------

    /** Inserts an account and returns its id (one row; app_user_username_key refuses a name that is taken). */
    public long insertUser(String username, String displayName, String passwordHash, Role role, AccessScope scope) {
        return jdbc.sql("""
                        insert into app_user (username, display_name, password_hash, role, scope_kind, scope_codes)
                        values (:u, :d, :h, :r, :k, :c::text[]) returning id""")
                .param("u", username).param("d", displayName).param("h", passwordHash)
                .param("r", role.name()).param("k", scope.kind().name())
                .param("c", SqlArrays.text(scope.codes()))
                .query(Long.class).single();
    }

    /** Sets an account's name, role and areas and bumps its version; returns nothing (app_user_pkey finds the row). */
    public void updateUserAccess(long id, String displayName, Role role, AccessScope scope) {
        jdbc.sql("""
                        update app_user set display_name = :d, role = :r, scope_kind = :k, scope_codes = :c::text[], version = version + 1
                         where id = :id""")
                .param("d", displayName).param("r", role.name()).param("k", scope.kind().name())
                .param("c", SqlArrays.text(scope.codes())).param("id", id).update();
    }

    /** Enables or disables an account and bumps its version; returns nothing (app_user_pkey finds the row). */
    public void setUserEnabled(long id, boolean enabled) {
        jdbc.sql("update app_user set enabled = :e, version = version + 1 where id = :id").param("e", enabled).param("id", id).update();
    }

    /** Sets an account's password hash, clears its demo mark and bumps its version; returns nothing (app_user_pkey finds the row). */
    public void setUserPassword(long id, String passwordHash) {
        jdbc.sql("update app_user set password_hash = :h, demo = false, version = version + 1 where id = :id")
                .param("h", passwordHash).param("id", id).update();
    }

    /**
     * How many of a (not city-wide) scope's codes name an existing area of its level (township_code_key,
     * community_code_key or grid_cell_code_key, the unique indexes on the codes).
     */
    public int knownAreas(AccessScope scope) {
        String table = switch (scope.kind()) {
            case TOWNSHIP -> "township";
            case COMMUNITY -> "community";
            default -> "grid_cell";
        };
        return jdbc.sql("select count(*) from " + table + " where code = any(:codes::text[])")
                .param("codes", SqlArrays.text(scope.codes())).query(Integer.class).single();
    }

    // ---- devices ------------------------------------------------------------------------------------------------

    /**
     * Every device with its responder's name, active ones first, then by name (no index: a scan of device, one row per
     * issued tracker, none in the demo city until an administrator issues some; responder_pkey for the names).
     */
    public List<Device> devices() {
        return jdbc.sql("""
                        select d.*, r.name as responder_name from device d left join responder r on r.id = d.responder_id
                         order by d.revoked_at nulls first, d.name""")
                .query((rs, i) -> new Device(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                        (Long) rs.getObject("responder_id"), rs.getString("responder_name"), rs.getString("created_by"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("revoked_at", OffsetDateTime.class),
                        rs.getObject("last_seen_at", OffsetDateTime.class)))
                .list();
    }

    /** Inserts a device and returns its id (one row; device_token_prefix_key refuses a prefix already used). */
    public long insertDevice(String name, String tokenPrefix, String tokenHash, Long responderId, String createdBy) {
        return jdbc.sql("""
                        insert into device (name, token_prefix, token_hash, responder_id, created_by)
                        values (:n, :p, :h, :r, :by) returning id""")
                .param("n", name).param("p", tokenPrefix).param("h", tokenHash).param("r", responderId).param("by", createdBy)
                .query(Long.class).single();
    }

    /** Revokes a device unless it already is; returns nothing (device_pkey finds the row). */
    public void revokeDevice(long id, OffsetDateTime now) {
        jdbc.sql("update device set revoked_at = :now where id = :id and revoked_at is null")
                .param("now", now).param("id", id).update();
    }

    /** A device's stored token, by the token's public prefix. */
    public record DeviceToken(long id, String name, Long responderId, String tokenHash) {}

    /** The active (not revoked) device whose token has the prefix, with its token's hash (device_token_prefix_key). */
    public Optional<DeviceToken> activeDevice(String tokenPrefix) {
        return jdbc.sql("select id, name, responder_id, token_hash from device where token_prefix = :p and revoked_at is null")
                .param("p", tokenPrefix)
                .query((rs, i) -> new DeviceToken(rs.getLong("id"), rs.getString("name"), (Long) rs.getObject("responder_id"),
                        rs.getString("token_hash")))
                .optional();
    }

    /** Stamps a device seen at {@code now} unless it was already since {@code minute}; returns nothing (device_pkey finds the row). */
    public void markDeviceSeen(long id, OffsetDateTime now, OffsetDateTime minute) {
        jdbc.sql("update device set last_seen_at = :now where id = :id and (last_seen_at is null or last_seen_at < :minute)")
                .param("now", now).param("minute", minute).param("id", id)
                .update();
    }

    // ---- the audit trail ----------------------------------------------------------------------------------------

    /**
     * Rows of the caller's areas: rows tied to a grid cell in scope, or to a township wholly in scope;
     * rows tied to no area (accounts, devices, imports) only for the whole city.
     */
    private static String auditWhere() {
        return """
                where (%s or (a.township_id is not null and exists (select 1 from township scope_t
                        where scope_t.id = a.township_id and scope_t.code like any (array[:scopeTownships]::text[])))
                       or (a.grid_cell_id is null and a.township_id is null and :city))
                  and (cast(:from as timestamptz) is null or a.at >= :from)
                  and (cast(:to as timestamptz) is null or a.at < :to)
                  and (cast(:entity as text) is null or a.entity = :entity)
                  and (cast(:actor as text) is null or a.actor = :actor)
                """.formatted("(a.grid_cell_id is not null and " + ScopeSql.cellId("a.grid_cell_id") + ")");
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, AuditQuery q, AccessScope scope) {
        return ScopeSql.bind(spec, scope).param("city", scope.isCity())
                .param("from", q.from()).param("to", q.to()).param("entity", q.entity()).param("actor", q.actor());
    }

    /**
     * How many rows of the trail in scope match the query (no index: a scan of audit_event, which keeps every change ever
     * made and so grows with use; the optional filters and the scope are tested row by row, township_pkey and
     * grid_cell_pkey for the scope).
     */
    public long countAudit(AuditQuery q, AccessScope scope) {
        return bind(jdbc.sql("select count(*) from audit_event a " + auditWhere()), q, scope).query(Long.class).single();
    }

    /** A row of the trail as stored: the change's before and after are the rows' JSON (null for an insert or a delete). */
    public record AuditRow(long id, OffsetDateTime at, String actor, String actorName, String action, String entity, Long entityId,
                           String township, String before, String after) {}

    /**
     * A page of the trail in scope matching the query, newest first, with the actor's name and the township's (audit_event_at
     * can feed the newest-first order, stopping after the page; the filters and the scope are tested row by row as in
     * {@link #countAudit}; township_pkey and app_user_username_key for the names).
     */
    public List<AuditRow> findAudit(AuditQuery q, AccessScope scope, int offset, int limit) {
        return bind(jdbc.sql("""
                        select a.id, a.at, a.actor, u.display_name as actor_name, a.action, a.entity, a.entity_id, t.name as township,
                               a.before, a.after
                          from audit_event a left join township t on t.id = a.township_id left join app_user u on u.username = a.actor
                        """ + auditWhere() + " order by a.at desc, a.id desc offset :offset limit :limit"), q, scope)
                .param("offset", offset).param("limit", limit)
                .query((rs, i) -> new AuditRow(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("actor_name"), rs.getString("action"), rs.getString("entity"), (Long) rs.getObject("entity_id"),
                        rs.getString("township"), rs.getString("before"), rs.getString("after")))
                .list();
    }

    /**
     * The tables that carry the audit trigger, by name (no index on pg_trigger.tgfoid: a scan of pg_trigger, a few hundred
     * rows counting the foreign keys' internal triggers).
     */
    public List<String> auditedTables() {
        return jdbc.sql("""
                        select distinct c.relname from pg_trigger g join pg_class c on c.oid = g.tgrelid
                         where g.tgfoid = 'audit_row'::regproc and not g.tgisinternal order by 1""").query(String.class).list();
    }

    /** Appends the one line a bulk import leaves, by the connection's actor; returns nothing (one row, no read). */
    public void insertImportLine(String source, Map<String, Integer> stored) {
        jdbc.sql("insert into audit_event (actor, action, entity, after) values (audit_actor(), 'IMPORT', 'gis-data', :after::jsonb)")
                .param("after", json.writeValueAsString(Map.of("source", source, "stored", stored))).update();
    }
}
