package com.gridcommand.casework;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.casework.internal.CaseQueries;
import com.gridcommand.casework.internal.CaseQueries.CaseRow;
import com.gridcommand.casework.internal.CaseQueries.Change;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.GridUser;
import com.gridcommand.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that changes a case: registration, the steps of the workflow, corrections. Each change
 * checks the caller's role and areas, applies only to the version the caller saw (a concurrent change
 * is refused, never overwritten), moves the step's clock, and adds a line to the immutable timeline —
 * all in one transaction, so nothing is ever half-done.
 */
@Service
@Transactional
public class CaseWorkflowService {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final CaseQueries queries;
    private final CurrentUser current;
    private final Clock clock;
    private final WorkingCalendar calendar;
    private final RoutingRules rules;
    private final Attachments attachments;
    private final JsonMapper json;

    CaseWorkflowService(CaseQueries queries, CurrentUser current, Clock clock, WorkingCalendar calendar, RoutingRules rules,
                        Attachments attachments, JsonMapper json) {
        this.queries = queries;
        this.current = current;
        this.clock = clock;
        this.calendar = calendar;
        this.rules = rules;
        this.attachments = attachments;
        this.json = json;
    }

    /** Where a point falls: its grid cell (by the lower code on a shared boundary), community and township. */
    public record Location(long cellId, String cellCode, String cell, String community, String township) {}

    /** The cell, community and township of a point, if it lies in the city; whether the caller may register there is not checked. */
    @Transactional(readOnly = true)
    public Optional<Location> locate(double lon, double lat) {
        if (!Double.isFinite(lon) || !Double.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) return Optional.empty();
        return queries.locate(lon, lat);
    }

    /**
     * Where a case at this point would be registered, if the caller may register one there; otherwise why not:
     * outside the city, or in a cell outside the caller's areas (named). Asked when the point is picked, before
     * any form is filled in, and again when the case is saved.
     */
    @Transactional(readOnly = true)
    public Location placeForRegistration(double lon, double lat) {
        GridUser user = current.require(CaseWorkflow.of(CaseAction.REGISTER).roles().toArray(Role[]::new));
        Location where = locate(lon, lat).orElseThrow(() -> CaseLocationException.outsideCity(lon, lat));
        if (!user.scope().coversCell(where.cellCode())) throw CaseLocationException.outsideScope(where);
        return where;
    }

    /** Registers a case (受理登记); returns its id. */
    public long register(NewCase c) {
        GridUser user = current.require(CaseWorkflow.of(CaseAction.REGISTER).roles().toArray(Role[]::new));
        validate(c);
        Location where = placeForRegistration(c.lon(), c.lat());
        attachments.check(c.attachments());
        OffsetDateTime now = OffsetDateTime.now(clock);
        RoutingRules.Decision decision = rules.decide(c.category(), c.severity(), where.community(), where.township());
        OffsetDateTime deadline = calendar.addWorkingDays(now, decision.workingDays());
        OffsetDateTime stepDeadline = calendar.addWorkingDays(now, rules.stepWorkingDays(CaseStep.INTAKE));
        String code = nextCode(now);
        List<Map<String, String>> parties = c.parties().stream().map(p -> Map.of("name", p.name().strip(), "role", p.role())).toList();
        long id = queries.insertCase(new CaseQueries.NewRow(code, c.title().strip(), c.description() == null ? "" : c.description().strip(),
                c.category(), c.severity(), c.source(), json.writeValueAsString(parties), now, deadline, decision.unit(), decision.level(),
                stepDeadline, user.username(), c.lon(), c.lat()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("unit", decision.unit());
        details.put("level", decision.level());
        details.put("deadline", deadline.toString());
        details.put("rule", decision.ruleId());
        details.put("cell", where.cell());
        long event = event(id, CaseAction.REGISTER, null, CaseStep.INTAKE, null, details, user.username());
        attachments.store(id, event, c.attachments(), user.username());
        return id;
    }

    /** 分流: to the responsible unit and person (the rule's unit unless another is named); again before it is signed for (改派). */
    public void route(long id, long version, String unit, String person, String note) {
        CaseRow row = load(id);
        String chosenUnit = unit == null || unit.isBlank() ? row.unit() : unit.strip();
        // An imported case may have no unit yet: then the router names one.
        requireText(chosenUnit, "problem.case.routeUnit", "a case is routed to a unit: name one");
        String chosenPerson = person == null || person.isBlank() ? null : person.strip();
        apply(row, version, CaseAction.ROUTE, note, Map.of("unit", chosenUnit, "person", chosenPerson == null ? "" : chosenPerson),
                new Change.Route(chosenUnit, chosenPerson), List.of());
    }

    /** 签收: the responsible unit takes the case on; the handling clock runs to the case's deadline. */
    public void sign(long id, long version, String note) {
        apply(load(id), version, CaseAction.SIGN, note, Map.of(), new Change.None(), List.of());
    }

    /** 报结: the handler reports the result, with evidence if any. */
    public void report(long id, long version, String outcome, List<Attachments.Upload> files) {
        requireText(outcome, "problem.case.outcome", "a report states the outcome");
        apply(load(id), version, CaseAction.REPORT, outcome, Map.of(), new Change.Outcome(outcome.strip()), files);
    }

    /**
     * 审核通过. Four eyes: the account that reported the result cannot accept it — another account of the
     * case's areas does (in a community with one account, the township's above it).
     */
    public void accept(long id, long version, String note) {
        CaseRow row = load(id);
        GridUser user = current.require(CaseWorkflow.of(CaseAction.ACCEPT).roles().toArray(Role[]::new));
        if (row.version() == version && row.step() == CaseStep.FEEDBACK && reportedBy(id).filter(user.username()::equals).isPresent()) {
            throw new ProblemException("problem.case.ownReport", "the account that reported the result cannot accept it");
        }
        apply(row, version, CaseAction.ACCEPT, note, Map.of(), new Change.None(), List.of());
    }

    /** Who reported the result under review: the last report's account. */
    private Optional<String> reportedBy(long id) {
        return queries.reportedBy(id);
    }

    /**
     * The actions the signed-in user may take on this case now: those of its step for their role, less
     * accepting a result they reported themselves. What the case page offers.
     */
    @Transactional(readOnly = true)
    public java.util.Set<CaseAction> available(CaseDetails c) {
        Optional<GridUser> user = current.get();
        if (user.isEmpty()) return java.util.Set.of();
        java.util.Set<CaseAction> actions = java.util.EnumSet.noneOf(CaseAction.class);
        actions.addAll(CaseWorkflow.available(c.caseStep(), user.get().role()));
        if (actions.contains(CaseAction.ACCEPT) && ownReport(c)) actions.remove(CaseAction.ACCEPT);
        return actions;
    }

    /** Whether the signed-in user reported the result of this case that awaits review. */
    @Transactional(readOnly = true)
    public boolean ownReport(CaseDetails c) {
        return c.caseStep() == CaseStep.FEEDBACK && current.get().flatMap(u -> reportedBy(c.id()).filter(u.username()::equals)).isPresent();
    }

    public void reject(long id, long version, String reason) {
        requireText(reason, "problem.case.rejectReason", "a rejection gives its reason");
        apply(load(id), version, CaseAction.REJECT, reason, Map.of(), new Change.None(), List.of());
    }

    /** 回访: the parties were visited back; the case is done. */
    public void followUp(long id, long version, String note, boolean satisfied) {
        requireText(note, "problem.case.visitNote", "a follow-up visit records what the parties said");
        apply(load(id), version, CaseAction.FOLLOW_UP, note, Map.of("satisfied", satisfied), new Change.Close(), List.of());
    }

    /** 上报: the level cannot solve it; it goes one level up and is routed again there. */
    public void escalate(long id, long version, String reason) {
        requireText(reason, "problem.case.escalateReason", "an escalation gives its reason");
        CaseRow row = load(id);
        String above = CaseWorkflow.levelAbove(row.level()).orElseThrow(() -> new IllegalTransitionException(row.step(), CaseAction.ESCALATE));
        String unit = above.equals("CITY") ? "市综治中心" : row.township() + "综治中心";
        apply(row, version, CaseAction.ESCALATE, reason, Map.of("from", row.level(), "to", above, "unit", unit),
                new Change.Escalate(above, unit), List.of());
    }

    /** 导访: referred to another body that can solve it. */
    public void refer(long id, long version, String body, String reason) {
        requireText(body, "problem.case.referBody", "name the body the case is referred to");
        requireText(reason, "problem.case.referReason", "a referral gives its reason");
        apply(load(id), version, CaseAction.REFER, reason, Map.of("to", body.strip()), new Change.Refer(body.strip()), List.of());
    }

    /** 联合调解: several departments handle it together. */
    public void joint(long id, long version, List<String> units, String note) {
        List<String> cleaned = units.stream().map(String::strip).filter(u -> !u.isEmpty()).distinct().toList();
        if (cleaned.size() < 2) throw new ProblemException("problem.case.jointUnits", "joint handling needs at least two departments");
        apply(load(id), version, CaseAction.JOINT, note, Map.of("units", cleaned), new Change.Joint(cleaned), List.of());
    }

    /** Reopened with a reason: back to handling, with a fresh deadline by the case's rule. */
    public void reopen(long id, long version, String reason) {
        requireText(reason, "problem.case.reopenReason", "reopening gives its reason");
        CaseRow row = load(id);
        RoutingRules.Decision decision = rules.decide(row.category(), row.severity(), row.community(), row.township());
        OffsetDateTime deadline = calendar.addWorkingDays(OffsetDateTime.now(clock), decision.workingDays());
        apply(row.withDeadline(deadline), version, CaseAction.REOPEN, reason, Map.of("deadline", deadline.toString()),
                new Change.Reopen(deadline), List.of());
    }

    /** 督办级别: a leader puts the case under township or city supervision. */
    public void supervise(long id, long version, String level, String note) {
        if (!List.of("NONE", "TOWNSHIP", "CITY").contains(level)) {
            throw new ProblemException("problem.case.supervisionLevel", "unknown supervision level " + level);
        }
        apply(load(id), version, CaseAction.SUPERVISE, note, Map.of("level", level), new Change.Supervise(level), List.of());
    }

    /** Corrects the registration details (title, description, category, severity). */
    public void correct(CaseCorrection c) {
        requireText(c.title(), "problem.case.title", "a title has 1 to 200 characters");
        validateRegistration(c.title(), c.description(), c.category(), c.severity());
        apply(load(c.id()), c.expectedVersion(), CaseAction.CORRECT, null, Map.of("title", c.title().strip()),
                new Change.Correct(c.title().strip(), c.description() == null ? "" : c.description().strip(), c.category(), c.severity()),
                List.of());
    }

    /**
     * The system's own escalation of an overdue case (no user; see SupervisionService). Returns false if
     * the case moved on meanwhile: the conflict is caught here, before it leaves the transaction, so the
     * rest of the supervision run is kept.
     */
    boolean escalateBySupervision(long id, String reason) {
        CaseRow row = queries.caseRowUnscoped(id);
        Optional<String> above = CaseWorkflow.levelAbove(row.level());
        if (above.isEmpty() || !CaseWorkflow.of(CaseAction.ESCALATE).from().contains(row.step())) return false;
        String unit = above.get().equals("CITY") ? "市综治中心" : row.township() + "综治中心";
        try {
            update(row, row.version(), CaseAction.ESCALATE, reason, Map.of("from", row.level(), "to", above.get(), "unit", unit, "automatic", true),
                    new Change.Escalate(above.get(), unit), List.of(), "system:supervision");
            return true;
        } catch (CaseConflictException movedOn) {
            return false; // nothing was written: the update matched no row
        }
    }

    // ---------------------------------------------------------------------------------------------------

    private CaseRow load(long id) {
        return queries.caseRow(id, current.scope()).orElseThrow(() -> new CurrentUser.AccessDeniedException("that case is outside your areas"));
    }

    private void apply(CaseRow row, long version, CaseAction action, String note, Map<String, Object> details, Change change,
                       List<Attachments.Upload> files) {
        GridUser user = current.require(CaseWorkflow.of(action).roles().toArray(Role[]::new));
        update(row, version, action, note, details, change, files, user.username());
    }

    private void update(CaseRow row, long version, CaseAction action, String note, Map<String, Object> details, Change change,
                        List<Attachments.Upload> files, String actor) {
        // Someone changed the case since the caller read it: say so before anything else — whether the action
        // still applies is for the caller to see on the case as it is now, not a "not now" for a case never seen.
        if (row.version() != version) throw new CaseConflictException(row.code());
        CaseStep to = CaseWorkflow.next(row.step(), action);
        if (note != null && note.length() > 5000) throw new ProblemException("problem.case.noteLength", "a note has at most 5000 characters", 5000);
        attachments.check(files);
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean stepChanges = to != row.step() || action == CaseAction.ESCALATE || action == CaseAction.REJECT;
        OffsetDateTime stepDeadline = switch (to) {
            // Handling runs to the case's own deadline (already past for a late case: then it is red at once).
            case SUPERVISION -> row.deadline() != null ? row.deadline() : calendar.addWorkingDays(now, rules.stepWorkingDays(CaseStep.ROUTING));
            case CLOSED, REFERRED -> null;
            default -> calendar.addWorkingDays(now, rules.stepWorkingDays(to));
        };
        if (queries.updateCase(row.id(), version, to, now, stepChanges, to.isOpen() ? now : null, stepDeadline, change) == 0) {
            throw new CaseConflictException(row.code());
        }
        long event = event(row.id(), action, row.step(), to, note, details, actor);
        attachments.store(row.id(), event, files, actor);
    }

    private long event(long caseId, CaseAction action, CaseStep from, CaseStep to, String note, Map<String, Object> details, String actor) {
        return queries.insertEvent(caseId, OffsetDateTime.now(clock), actor, action, from, to, note == null || note.isBlank() ? null : note.strip(),
                json.writeValueAsString(details));
    }

    private String nextCode(OffsetDateTime now) {
        var day = now.atZoneSameInstant(clock.getZone()).toLocalDate();
        String prefix = "AJ" + DAY.format(day) + "-";
        int serial = queries.nextCodeSerial(day, prefix);
        return prefix + String.format("%04d", serial);
    }

    private static void validate(NewCase c) {
        requireText(c.title(), "problem.case.title", "a case needs a title");
        validateRegistration(c.title(), c.description(), c.category(), c.severity());
        if (!NewCase.SOURCES.contains(c.source())) throw new ProblemException("problem.case.source", "unknown source " + c.source());
        for (NewCase.Party p : c.parties()) {
            requireText(p.name(), "problem.case.partyName", "every party has a name");
            if (p.name().length() > 50) throw new ProblemException("problem.case.partyNameLength", "a party's name has at most 50 characters", 50);
            if (!NewCase.PARTY_ROLES.contains(p.role())) throw new ProblemException("problem.case.partyRole", "unknown party role " + p.role());
        }
    }

    /** What registration and correction both check, with the same words. */
    private static void validateRegistration(String title, String description, String category, int severity) {
        if (title.length() > 200) throw new ProblemException("problem.case.titleLength", "a title has at most 200 characters", 200);
        if (description != null && description.length() > 5000) {
            throw new ProblemException("problem.case.descriptionLength", "a description has at most 5000 characters", 5000);
        }
        if (!CaseService.CATEGORIES.contains(category)) throw new ProblemException("problem.case.category", "unknown category " + category);
        if (severity < 1 || severity > 4) throw new ProblemException("problem.case.severity", "severity is 1 to 4");
    }

    private static void requireText(String text, String key, String message) {
        if (text == null || text.isBlank()) throw new ProblemException(key, message);
    }
}
