package com.gridcommand.casework;

import com.gridcommand.security.Role;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.gridcommand.casework.CaseStep.CLOSED;
import static com.gridcommand.casework.CaseStep.FEEDBACK;
import static com.gridcommand.casework.CaseStep.FOLLOW_UP;
import static com.gridcommand.casework.CaseStep.INTAKE;
import static com.gridcommand.casework.CaseStep.REFERRED;
import static com.gridcommand.casework.CaseStep.ROUTING;
import static com.gridcommand.casework.CaseStep.SUPERVISION;
import static com.gridcommand.security.Role.ADMIN;
import static com.gridcommand.security.Role.COMMAND;
import static com.gridcommand.security.Role.DISPATCHER;
import static com.gridcommand.security.Role.GRID_WORKER;
import static com.gridcommand.security.Role.LEADER;

/**
 * The five steps as an explicit state machine: which action applies in which step, where it leads and
 * who may take it. Everything not listed is forbidden.
 * <pre>
 * INTAKE ─route→ ROUTING ─sign→ SUPERVISION ─report→ FEEDBACK ─accept→ FOLLOW_UP ─follow-up→ CLOSED
 *                   ↑  escalate (level up, routed again)    ←reject─┘                          │
 *                   └──────────── INTAKE/ROUTING/SUPERVISION ─refer→ REFERRED ─reopen┐  reopen ┘
 *                                                                                  └→ SUPERVISION
 * </pre>
 * Joint handling and the supervision level change no step. A case not yet signed for can be routed again
 * (改派: another unit or person, the sign-for clock running on) — also by the level an escalation sent it to.
 * Who may take an action can depend on the case as well: the account that reported a result does not
 * accept it (see {@link CaseWorkflowService#available}).
 */
public final class CaseWorkflow {

    /** An action: the steps it applies in, the step it leads to (null: stays), who may take it. */
    public record Transition(Set<CaseStep> from, CaseStep to, Set<Role> roles) {}

    private static final Map<CaseAction, Transition> TRANSITIONS = new EnumMap<>(CaseAction.class);

    static {
        TRANSITIONS.put(CaseAction.ROUTE, new Transition(EnumSet.of(INTAKE, ROUTING), ROUTING, EnumSet.of(COMMAND, DISPATCHER, ADMIN)));
        TRANSITIONS.put(CaseAction.SIGN, new Transition(EnumSet.of(ROUTING), SUPERVISION, EnumSet.of(COMMAND, DISPATCHER, GRID_WORKER, ADMIN)));
        TRANSITIONS.put(CaseAction.REPORT, new Transition(EnumSet.of(SUPERVISION), FEEDBACK, EnumSet.of(COMMAND, DISPATCHER, GRID_WORKER, ADMIN)));
        TRANSITIONS.put(CaseAction.ACCEPT, new Transition(EnumSet.of(FEEDBACK), FOLLOW_UP, EnumSet.of(COMMAND, LEADER, ADMIN)));
        TRANSITIONS.put(CaseAction.REJECT, new Transition(EnumSet.of(FEEDBACK), SUPERVISION, EnumSet.of(COMMAND, LEADER, ADMIN)));
        TRANSITIONS.put(CaseAction.FOLLOW_UP, new Transition(EnumSet.of(FOLLOW_UP), CLOSED, EnumSet.of(COMMAND, GRID_WORKER, ADMIN)));
        TRANSITIONS.put(CaseAction.ESCALATE, new Transition(EnumSet.of(ROUTING, SUPERVISION), ROUTING, EnumSet.of(COMMAND, GRID_WORKER, LEADER, ADMIN)));
        TRANSITIONS.put(CaseAction.REFER, new Transition(EnumSet.of(INTAKE, ROUTING, SUPERVISION), REFERRED, EnumSet.of(COMMAND, LEADER, ADMIN)));
        TRANSITIONS.put(CaseAction.JOINT, new Transition(EnumSet.of(ROUTING, SUPERVISION), null, EnumSet.of(COMMAND, LEADER, ADMIN)));
        TRANSITIONS.put(CaseAction.REOPEN, new Transition(EnumSet.of(CLOSED, REFERRED), SUPERVISION, EnumSet.of(COMMAND, LEADER, ADMIN)));
        TRANSITIONS.put(CaseAction.SUPERVISE, new Transition(EnumSet.of(INTAKE, ROUTING, SUPERVISION, FEEDBACK, FOLLOW_UP), null, EnumSet.of(LEADER)));
        TRANSITIONS.put(CaseAction.CORRECT, new Transition(EnumSet.of(INTAKE, ROUTING, SUPERVISION, FEEDBACK, FOLLOW_UP),
                null, EnumSet.of(COMMAND, DISPATCHER, GRID_WORKER, ADMIN)));
        TRANSITIONS.put(CaseAction.REGISTER, new Transition(EnumSet.noneOf(CaseStep.class), INTAKE, EnumSet.of(COMMAND, DISPATCHER, GRID_WORKER, ADMIN)));
    }

    private CaseWorkflow() {
    }

    public static Transition of(CaseAction action) {
        return TRANSITIONS.get(action);
    }

    /** The step the action leads to from this step; throws if it does not apply there. */
    public static CaseStep next(CaseStep from, CaseAction action) {
        Transition t = TRANSITIONS.get(action);
        if (t == null || !t.from().contains(from)) throw new IllegalTransitionException(from, action);
        return t.to() == null ? from : t.to();
    }

    public static boolean allows(CaseStep from, CaseAction action, Role role) {
        Transition t = TRANSITIONS.get(action);
        return t != null && t.from().contains(from) && t.roles().contains(role);
    }

    /** The actions a user in this role can take on a case in this step, in timeline order. */
    public static Set<CaseAction> available(CaseStep step, Role role) {
        EnumSet<CaseAction> actions = EnumSet.noneOf(CaseAction.class);
        for (var e : TRANSITIONS.entrySet()) {
            if (e.getValue().from().contains(step) && e.getValue().roles().contains(role)) actions.add(e.getKey());
        }
        return actions;
    }

    /** The next level up, for escalation: village/community → township → city; none above the city. */
    public static Optional<String> levelAbove(String level) {
        return switch (level) {
            case "COMMUNITY" -> Optional.of("TOWNSHIP");
            case "TOWNSHIP" -> Optional.of("CITY");
            default -> Optional.empty();
        };
    }
}
