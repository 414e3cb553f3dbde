package com.gridcommand.dispatch;

import com.gridcommand.base.db.SqlArrays;
import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.dispatch.Assignment.Status;
import com.gridcommand.dispatch.AssignmentRefusedException.Reason;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.DeviceService;
import com.gridcommand.security.GridUser;
import com.gridcommand.security.Role;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sending responders and following them to the scene.
 * <p>
 * Assigning is one conditional update: the responder row changes to ASSIGNED only if it is still free, so
 * of any number of dispatchers pressing at the same moment exactly one wins (the others wait for the row
 * lock, then find it taken and are told by whom). A unique index on active assignments per responder
 * backs this up. Each later step is also conditional on the step before, and stamps its time.
 */
@Service
@Transactional
public class Assignments {

    /** What each step may follow, and the responder status it sets. */
    private record Step(Set<Status> from, String responderStatus, String column) {}

    private static final Map<Status, Step> STEPS = Map.of(
            Status.ACCEPTED, new Step(EnumSet.of(Status.ASSIGNED), "ASSIGNED", "accepted_at"),
            Status.EN_ROUTE, new Step(EnumSet.of(Status.ASSIGNED, Status.ACCEPTED), "EN_ROUTE", "en_route_at"),
            Status.ON_SCENE, new Step(EnumSet.of(Status.ASSIGNED, Status.ACCEPTED, Status.EN_ROUTE), "ON_SCENE", "on_scene_at"),
            Status.FINISHED, new Step(EnumSet.of(Status.ON_SCENE), "RETURNING", "ended_at"),
            Status.DECLINED, new Step(EnumSet.of(Status.ASSIGNED), "AVAILABLE", "ended_at"),
            Status.CANCELLED, new Step(EnumSet.of(Status.ASSIGNED, Status.ACCEPTED, Status.EN_ROUTE, Status.ON_SCENE), "AVAILABLE", "ended_at"));

    private static final String SELECT = """
            select a.*, c.code as case_code, c.title as case_title, e.title as emergency_title, r.name as responder_name,
                   coalesce(ST_X(c.geom), ST_X(e.geom)) as target_lon, coalesce(ST_Y(c.geom), ST_Y(e.geom)) as target_lat
              from assignment a join responder r on r.id = a.responder_id
              left join gov_case c on c.id = a.case_id left join emergency e on e.id = a.emergency_id
            """;

    private final JdbcClient jdbc;
    private final CurrentUser current;
    private final Clock clock;
    private final TravelTimes travelTimes;

    Assignments(JdbcClient jdbc, CurrentUser current, Clock clock, TravelTimes travelTimes) {
        this.jdbc = jdbc;
        this.current = current;
        this.clock = clock;
        this.travelTimes = travelTimes;
    }

    private record Target(Long caseId, Long emergencyId, String label, long townshipId, double lon, double lat, boolean closed) {}

    /** Sends a responder to a case; the distance and travel time at this moment are kept with it. */
    public Assignment assignToCase(long caseId, long responderId) {
        current.require(Role.DISPATCHER, Role.COMMAND);
        Target target = ScopeSql.bind(jdbc.sql("""
                        select c.id, c.code || ' ' || c.title as label, c.township_id, ST_X(c.geom) as lon, ST_Y(c.geom) as lat,
                               c.step = 'CLOSED' as closed
                          from gov_case c where c.id = :id and """ + ScopeSql.cellId("c.grid_cell_id")), current.scope())
                .param("id", caseId)
                .query((rs, i) -> new Target(rs.getLong("id"), null, rs.getString("label"), rs.getLong("township_id"),
                        rs.getDouble("lon"), rs.getDouble("lat"), rs.getBoolean("closed")))
                .optional().orElseThrow(() -> new CurrentUser.AccessDeniedException("that case is outside your areas"));
        return assign(target, responderId);
    }

    /** Sends a responder to a declared emergency. */
    public Assignment assignToEmergency(long emergencyId, long responderId) {
        current.require(Role.DISPATCHER, Role.COMMAND);
        Target target = ScopeSql.bind(jdbc.sql("""
                        select e.id, e.title, e.township_id, ST_X(e.geom) as lon, ST_Y(e.geom) as lat, e.ended_at is not null as closed
                          from emergency e where e.id = :id and """ + ScopeSql.townshipId("e.township_id")), current.scope())
                .param("id", emergencyId)
                .query((rs, i) -> new Target(null, rs.getLong("id"), rs.getString("title"), rs.getLong("township_id"),
                        rs.getDouble("lon"), rs.getDouble("lat"), rs.getBoolean("closed")))
                .optional().orElseThrow(() -> new CurrentUser.AccessDeniedException("that emergency is outside your areas"));
        return assign(target, responderId);
    }

    private Assignment assign(Target target, long responderId) {
        if (target.closed()) throw new AssignmentRefusedException(Reason.TARGET_CLOSED, target.label() + " is closed", target.label());
        // Where the responder is now, for the record (read before the lock: it only describes the decision).
        Optional<double[]> at = jdbc.sql("select ST_X(position), ST_Y(position) from responder where id = :id and position is not null")
                .param("id", responderId).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).optional();
        TravelTime travel = at.map(p -> travelTimes.toTarget(List.of(new TravelTimes.Point(p[0], p[1])),
                new TravelTimes.Point(target.lon(), target.lat())).getFirst()).orElse(null);
        // The decision: only a free responder of the caller's areas changes; everyone else changes nothing.
        int won = ScopeSql.bind(jdbc.sql("""
                        update responder r set status = 'ASSIGNED', version = version + 1
                         where r.id = :id and r.status in ('AVAILABLE', 'RETURNING') and r.kind <> 'LEADER' and """
                        + ResponderService.IN_SCOPE), current.scope())
                .param("id", responderId).update();
        if (won == 0) throw refusal(responderId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = jdbc.sql("""
                        insert into assignment (case_id, emergency_id, responder_id, township_id, status, assigned_by, assigned_at,
                                                distance_m, eta_seconds, eta_method)
                        values (:case, :emergency, :responder, :township, 'ASSIGNED', :by, :now, :metres, :eta, :method) returning id""")
                .param("case", target.caseId()).param("emergency", target.emergencyId()).param("responder", responderId)
                .param("township", target.townshipId()).param("by", current.actor()).param("now", now)
                .param("metres", travel == null ? null : travel.metres())
                .param("eta", travel == null ? null : travel.seconds())
                .param("method", travel == null ? null : travel.method().name())
                .query(Long.class).single();
        return get(id).orElseThrow();
    }

    /** Why a responder could not be assigned: taken meanwhile, not free, or not the caller's. */
    private RuntimeException refusal(long responderId) {
        record State(String name, String status, boolean inScope) {}
        State state = ScopeSql.bind(jdbc.sql("select r.name, r.status, " + ResponderService.IN_SCOPE + " as in_scope from responder r where r.id = :id"),
                        current.scope())
                .param("id", responderId).query((rs, i) -> new State(rs.getString(1), rs.getString(2), rs.getBoolean(3))).optional()
                .orElseThrow(() -> new IllegalArgumentException("no responder " + responderId));
        if (!state.inScope()) return new CurrentUser.AccessDeniedException("that responder is outside your areas");
        Optional<Assignment> active = activeFor(responderId);
        if (active.isPresent()) {
            Assignment a = active.get();
            return new AssignmentRefusedException(Reason.TAKEN, "%s was assigned to %s by %s at %s".formatted(state.name(), a.target(),
                    a.assignedBy(), a.assignedAt()), state.name(), a.target(), a.assignedBy(), a.assignedAt());
        }
        return new AssignmentRefusedException(Reason.NOT_DISPATCHABLE, "%s is %s, not available".formatted(state.name(), state.status()),
                state.name(), state.status());
    }

    /** A step reported by a signed-in user: the responder themself, or a dispatcher on their behalf (by radio). */
    public Assignment advance(long assignmentId, Status to, String note) {
        GridUser user = current.require(Role.values());
        Assignment a = get(assignmentId).orElseThrow(() -> new IllegalArgumentException("no assignment " + assignmentId));
        boolean dispatcher = user.has(Role.DISPATCHER, Role.COMMAND) && inScope(a);
        boolean self = myResponder().filter(own -> own == a.responderId()).isPresent();
        if (!dispatcher && !(self && to != Status.CANCELLED)) {
            throw new AssignmentRefusedException(Reason.NOT_YOURS, "only the responder or a dispatcher may report this");
        }
        return step(a, to, note, user.username());
    }

    /** A step reported by the responder's device (the tracker app's token). */
    public Assignment advance(DeviceService.DeviceIdentity device, long assignmentId, Status to) {
        Assignment a = get(assignmentId).orElseThrow(() -> new IllegalArgumentException("no assignment " + assignmentId));
        if (device.responderId() == null || device.responderId() != a.responderId() || to == Status.CANCELLED) {
            throw new AssignmentRefusedException(Reason.NOT_YOURS, "this device does not belong to the assigned responder");
        }
        return step(a, to, null, "device:" + device.name());
    }

    private Assignment step(Assignment a, Status to, String note, String actor) {
        Step step = STEPS.get(to);
        if (step == null) throw new ProblemException("problem.assignment.step", "not a step: " + to);
        if (note != null && note.length() > 1000) throw new ProblemException("problem.case.noteLength", "a note has at most 1,000 characters", 1000);
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean ends = !to.active();
        int rows = jdbc.sql("""
                        update assignment set status = :to, %s = :now, version = version + 1,
                               ended_by = case when :ends then :actor else ended_by end, note = coalesce(:note, note)
                         where id = :id and status = any (:from::text[])""".formatted(step.column()))
                .param("to", to.name()).param("now", now).param("ends", ends).param("actor", actor).param("note", note)
                .param("id", a.id()).param("from", SqlArrays.text(step.from().stream().map(Enum::name).toList()))
                .update();
        if (rows == 0) {
            Assignment now2 = get(a.id()).orElseThrow();
            throw new AssignmentRefusedException(Reason.STEP, "the assignment is %s: it cannot become %s".formatted(now2.status(), to),
                    now2.status(), to.name());
        }
        jdbc.sql("update responder set status = :s, version = version + 1 where id = :id")
                .param("s", step.responderStatus()).param("id", a.responderId()).update();
        return get(a.id()).orElseThrow();
    }

    /** A returning responder is free again (or a dispatcher says so). */
    public void available(long responderId) {
        GridUser user = current.require(Role.values());
        if (myResponder().filter(own -> own == responderId).isEmpty() && !user.has(Role.DISPATCHER, Role.COMMAND)) {
            throw new AssignmentRefusedException(Reason.NOT_YOURS, "only the responder or a dispatcher may say this");
        }
        if (activeFor(responderId).isPresent()) {
            throw new AssignmentRefusedException(Reason.STEP, "the responder still has an open assignment", "ACTIVE", "AVAILABLE");
        }
        jdbc.sql("update responder set status = 'AVAILABLE', version = version + 1 where id = :id and status in ('RETURNING', 'OFF_DUTY', 'AVAILABLE')")
                .param("id", responderId).update();
    }

    @Transactional(readOnly = true)
    public Optional<Assignment> get(long id) {
        return jdbc.sql(SELECT + " where a.id = :id").param("id", id).query(this::map).optional();
    }

    @Transactional(readOnly = true)
    public Optional<Assignment> activeFor(long responderId) {
        return jdbc.sql(SELECT + " where a.responder_id = :id and a.status in ('ASSIGNED', 'ACCEPTED', 'EN_ROUTE', 'ON_SCENE')")
                .param("id", responderId).query(this::map).optional();
    }

    /** The responder the signed-in user is, if any. */
    @Transactional(readOnly = true)
    public Optional<Long> myResponder() {
        return current.get().flatMap(u -> jdbc.sql("select responder_id from app_user where id = :id and responder_id is not null")
                .param("id", u.id()).query(Long.class).optional());
    }

    /**
     * Where the signed-in user's own responder last was (lon, lat): a grid worker always sees themself, also
     * while they are outside the cells their account may read.
     */
    public Optional<double[]> myPosition() {
        return current.get().flatMap(u -> jdbc.sql("""
                        select ST_X(r.position), ST_Y(r.position) from app_user u join responder r on r.id = u.responder_id
                         where u.id = :id and r.position is not null""")
                .param("id", u.id()).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).optional());
    }

    /** Every assignment of a case, newest first. */
    @Transactional(readOnly = true)
    public List<Assignment> forCase(long caseId) {
        return ScopeSql.bind(jdbc.sql(SELECT + " where a.case_id = :id and " + ScopeSql.townshipId("a.township_id") + " order by a.assigned_at desc, a.id desc"),
                current.scope()).param("id", caseId).query(this::map).list();
    }

    /** Active assignments in the caller's areas, oldest first. */
    @Transactional(readOnly = true)
    public List<Assignment> active() {
        return ScopeSql.bind(jdbc.sql(SELECT + " where a.status in ('ASSIGNED', 'ACCEPTED', 'EN_ROUTE', 'ON_SCENE') and "
                        + ScopeSql.townshipId("a.township_id") + " order by a.assigned_at, a.id"), current.scope())
                .query(this::map).list();
    }

    private boolean inScope(Assignment a) {
        return ScopeSql.bind(jdbc.sql("select " + ScopeSql.townshipId("a.township_id") + " from assignment a where a.id = :id"), current.scope())
                .param("id", a.id()).query(Boolean.class).single();
    }

    private Assignment map(ResultSet rs, int i) throws SQLException {
        return new Assignment(rs.getLong("id"), (Long) rs.getObject("case_id"), rs.getString("case_code"), rs.getString("case_title"),
                (Long) rs.getObject("emergency_id"), rs.getString("emergency_title"), rs.getLong("responder_id"), rs.getString("responder_name"),
                rs.getString("status"), rs.getString("assigned_by"), rs.getObject("assigned_at", OffsetDateTime.class),
                rs.getObject("accepted_at", OffsetDateTime.class), rs.getObject("en_route_at", OffsetDateTime.class),
                rs.getObject("on_scene_at", OffsetDateTime.class), rs.getObject("ended_at", OffsetDateTime.class), rs.getString("ended_by"),
                rs.getString("note"), (Double) rs.getObject("distance_m"), (Integer) rs.getObject("eta_seconds"), rs.getString("eta_method"),
                rs.getDouble("target_lon"), rs.getDouble("target_lat"));
    }
}
