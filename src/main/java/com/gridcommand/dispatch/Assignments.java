package com.gridcommand.dispatch;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.dispatch.Assignment.Status;
import com.gridcommand.dispatch.AssignmentRefusedException.Reason;
import com.gridcommand.dispatch.internal.DispatchQueries;
import com.gridcommand.dispatch.internal.DispatchQueries.Target;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.DeviceService;
import com.gridcommand.security.GridUser;
import com.gridcommand.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

    /** Dispatch assignments made or advanced. */
    public static final ChangeTopic CHANGES = ChangeTopic.rowsOf("assignment");

    /** What each step may follow, and the responder status it sets. */
    private record Step(Set<Status> from, String responderStatus, String column) {}

    private static final Map<Status, Step> STEPS = Map.of(
            Status.ACCEPTED, new Step(EnumSet.of(Status.ASSIGNED), "ASSIGNED", "accepted_at"),
            Status.EN_ROUTE, new Step(EnumSet.of(Status.ASSIGNED, Status.ACCEPTED), "EN_ROUTE", "en_route_at"),
            Status.ON_SCENE, new Step(EnumSet.of(Status.ASSIGNED, Status.ACCEPTED, Status.EN_ROUTE), "ON_SCENE", "on_scene_at"),
            Status.FINISHED, new Step(EnumSet.of(Status.ON_SCENE), "RETURNING", "ended_at"),
            Status.DECLINED, new Step(EnumSet.of(Status.ASSIGNED), "AVAILABLE", "ended_at"),
            Status.CANCELLED, new Step(EnumSet.of(Status.ASSIGNED, Status.ACCEPTED, Status.EN_ROUTE, Status.ON_SCENE), "AVAILABLE", "ended_at"));

    private final DispatchQueries queries;
    private final CurrentUser current;
    private final Clock clock;
    private final TravelTimes travelTimes;

    Assignments(DispatchQueries queries, CurrentUser current, Clock clock, TravelTimes travelTimes) {
        this.queries = queries;
        this.current = current;
        this.clock = clock;
        this.travelTimes = travelTimes;
    }

    /** Sends a responder to a case; the distance and travel time at this moment are kept with it. */
    public Assignment assignToCase(long caseId, long responderId) {
        current.require(Role.DISPATCHER, Role.COMMAND);
        Target target = queries.caseTarget(caseId, current.scope())
                .orElseThrow(() -> new CurrentUser.AccessDeniedException("that case is outside your areas"));
        return assign(target, responderId);
    }

    /** Sends a responder to a declared emergency. */
    public Assignment assignToEmergency(long emergencyId, long responderId) {
        current.require(Role.DISPATCHER, Role.COMMAND);
        Target target = queries.emergencyTarget(emergencyId, current.scope())
                .orElseThrow(() -> new CurrentUser.AccessDeniedException("that emergency is outside your areas"));
        return assign(target, responderId);
    }

    private Assignment assign(Target target, long responderId) {
        if (target.closed()) throw new AssignmentRefusedException(Reason.TARGET_CLOSED, target.label() + " is closed", target.label());
        // Where the responder is now, for the record (read before the lock: it only describes the decision).
        Optional<double[]> at = queries.anyResponderPosition(responderId);
        TravelTime travel = at.map(p -> travelTimes.toTarget(List.of(new TravelTimes.Point(p[0], p[1])),
                new TravelTimes.Point(target.lon(), target.lat())).getFirst()).orElse(null);
        // The decision: only a free responder of the caller's areas changes; everyone else changes nothing.
        int won = queries.takeIfFree(responderId, current.scope());
        if (won == 0) throw refusal(responderId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = queries.insertAssignment(target, responderId, current.actor(), now, travel == null ? null : travel.metres(),
                travel == null ? null : travel.seconds(), travel == null ? null : travel.method().name());
        return get(id).orElseThrow();
    }

    /** Why a responder could not be assigned: taken meanwhile, not free, or not the caller's. */
    private RuntimeException refusal(long responderId) {
        DispatchQueries.ResponderState state = queries.responderState(responderId, current.scope())
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
        int rows = queries.stepAssignment(a.id(), to, step.column(), step.from(), now, ends, actor, note);
        if (rows == 0) {
            Assignment now2 = get(a.id()).orElseThrow();
            throw new AssignmentRefusedException(Reason.STEP, "the assignment is %s: it cannot become %s".formatted(now2.status(), to),
                    now2.status(), to.name());
        }
        queries.setResponderStatus(a.responderId(), step.responderStatus());
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
        queries.makeAvailable(responderId);
    }

    @Transactional(readOnly = true)
    public Optional<Assignment> get(long id) {
        return queries.assignment(id);
    }

    @Transactional(readOnly = true)
    public Optional<Assignment> activeFor(long responderId) {
        return queries.activeAssignmentOf(responderId);
    }

    /** The responder the signed-in user is, if any. */
    @Transactional(readOnly = true)
    public Optional<Long> myResponder() {
        return current.get().flatMap(u -> queries.responderOfUser(u.id()));
    }

    /**
     * Where the signed-in user's own responder last was (lon, lat): a grid worker always sees themself, also
     * while they are outside the cells their account may read.
     */
    public Optional<double[]> myPosition() {
        return current.get().flatMap(u -> queries.positionOfUser(u.id()));
    }

    /** Every assignment of a case, newest first. */
    @Transactional(readOnly = true)
    public List<Assignment> forCase(long caseId) {
        return queries.assignmentsOfCase(caseId, current.scope());
    }

    /** Active assignments in the caller's areas, oldest first. */
    @Transactional(readOnly = true)
    public List<Assignment> active() {
        return queries.activeAssignments(current.scope());
    }

    private boolean inScope(Assignment a) {
        return queries.assignmentInScope(a.id(), current.scope());
    }
}
