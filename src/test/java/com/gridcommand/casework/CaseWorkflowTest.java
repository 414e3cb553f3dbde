package com.gridcommand.casework;

import com.gridcommand.security.Role;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static com.gridcommand.casework.CaseAction.ACCEPT;
import static com.gridcommand.casework.CaseAction.CORRECT;
import static com.gridcommand.casework.CaseAction.ESCALATE;
import static com.gridcommand.casework.CaseAction.FOLLOW_UP;
import static com.gridcommand.casework.CaseAction.JOINT;
import static com.gridcommand.casework.CaseAction.REFER;
import static com.gridcommand.casework.CaseAction.REJECT;
import static com.gridcommand.casework.CaseAction.REOPEN;
import static com.gridcommand.casework.CaseAction.REPORT;
import static com.gridcommand.casework.CaseAction.ROUTE;
import static com.gridcommand.casework.CaseAction.SIGN;
import static com.gridcommand.casework.CaseAction.SUPERVISE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The workflow as the source document describes it, written out here independently of the code:
 * every step × action pair is either the one transition listed or refused, and every action is open
 * to exactly the roles listed.
 */
class CaseWorkflowTest {

    /** step → (action → step after). Anything not listed is forbidden. */
    static final Map<CaseStep, Map<CaseAction, CaseStep>> ALLOWED = new EnumMap<>(CaseStep.class);

    static {
        allow(CaseStep.INTAKE, ROUTE, CaseStep.ROUTING, REFER, CaseStep.REFERRED, SUPERVISE, CaseStep.INTAKE, CORRECT, CaseStep.INTAKE);
        // Routed again before it is signed for (改派): another unit or person.
        allow(CaseStep.ROUTING, ROUTE, CaseStep.ROUTING, SIGN, CaseStep.SUPERVISION, ESCALATE, CaseStep.ROUTING, REFER, CaseStep.REFERRED,
                JOINT, CaseStep.ROUTING, SUPERVISE, CaseStep.ROUTING, CORRECT, CaseStep.ROUTING);
        allow(CaseStep.SUPERVISION, REPORT, CaseStep.FEEDBACK, ESCALATE, CaseStep.ROUTING, REFER, CaseStep.REFERRED,
                JOINT, CaseStep.SUPERVISION, SUPERVISE, CaseStep.SUPERVISION, CORRECT, CaseStep.SUPERVISION);
        allow(CaseStep.FEEDBACK, ACCEPT, CaseStep.FOLLOW_UP, REJECT, CaseStep.SUPERVISION, SUPERVISE, CaseStep.FEEDBACK, CORRECT, CaseStep.FEEDBACK);
        allow(CaseStep.FOLLOW_UP, FOLLOW_UP, CaseStep.CLOSED, SUPERVISE, CaseStep.FOLLOW_UP, CORRECT, CaseStep.FOLLOW_UP);
        allow(CaseStep.CLOSED, REOPEN, CaseStep.SUPERVISION);
        allow(CaseStep.REFERRED, REOPEN, CaseStep.SUPERVISION);
    }

    /** Who may take each action. */
    static final Map<CaseAction, Set<Role>> ROLES = new EnumMap<>(CaseAction.class);

    static {
        Set<Role> handlers = EnumSet.of(Role.COMMAND, Role.DISPATCHER, Role.GRID_WORKER, Role.ADMIN);
        Set<Role> reviewers = EnumSet.of(Role.COMMAND, Role.LEADER, Role.ADMIN);
        ROLES.put(ROUTE, EnumSet.of(Role.COMMAND, Role.DISPATCHER, Role.ADMIN));
        ROLES.put(SIGN, handlers);
        ROLES.put(REPORT, handlers);
        ROLES.put(ACCEPT, reviewers);
        ROLES.put(REJECT, reviewers);
        ROLES.put(FOLLOW_UP, EnumSet.of(Role.COMMAND, Role.GRID_WORKER, Role.ADMIN));
        ROLES.put(ESCALATE, EnumSet.of(Role.COMMAND, Role.GRID_WORKER, Role.LEADER, Role.ADMIN));
        ROLES.put(REFER, reviewers);
        ROLES.put(JOINT, reviewers);
        ROLES.put(REOPEN, reviewers);
        ROLES.put(SUPERVISE, EnumSet.of(Role.LEADER));
        ROLES.put(CORRECT, handlers);
        ROLES.put(CaseAction.REGISTER, handlers);
    }

    private static void allow(CaseStep from, Object... pairs) {
        Map<CaseAction, CaseStep> m = ALLOWED.computeIfAbsent(from, s -> new EnumMap<>(CaseAction.class));
        for (int i = 0; i < pairs.length; i += 2) m.put((CaseAction) pairs[i], (CaseStep) pairs[i + 1]);
    }

    static boolean isTransition(CaseAction a) {
        return a != CaseAction.REGISTER && a != CaseAction.IMPORT;
    }

    @Test
    void everyStepAndActionIsEitherTheListedTransitionOrRefused() {
        int allowed = 0, refused = 0;
        for (CaseStep step : CaseStep.values()) {
            for (CaseAction action : CaseAction.values()) {
                CaseStep expected = ALLOWED.getOrDefault(step, Map.of()).get(action);
                if (expected != null) {
                    assertThat(CaseWorkflow.next(step, action)).as("%s in %s", action, step).isEqualTo(expected);
                    allowed++;
                } else {
                    assertThatThrownBy(() -> CaseWorkflow.next(step, action)).as("%s in %s", action, step)
                            .isInstanceOf(IllegalTransitionException.class);
                    refused++;
                }
            }
        }
        assertThat(allowed).isEqualTo(26);
        assertThat(refused).isEqualTo(CaseStep.values().length * CaseAction.values().length - 26);
    }

    @Test
    void eachActionIsOpenToExactlyItsRoles() {
        for (CaseAction action : CaseAction.values()) {
            if (action == CaseAction.IMPORT) {
                assertThat(CaseWorkflow.of(action)).as("imports are the loader's, no user's").isNull();
                continue;
            }
            assertThat(CaseWorkflow.of(action).roles()).as(action.name()).isEqualTo(ROLES.get(action));
        }
    }

    @Test
    void theActionsOfferedAreThoseAllowedInTheStepForTheRole() {
        for (CaseStep step : CaseStep.values()) {
            for (Role role : Role.values()) {
                Set<CaseAction> expected = EnumSet.noneOf(CaseAction.class);
                ALLOWED.getOrDefault(step, Map.of()).keySet().stream().filter(a -> ROLES.get(a).contains(role)).forEach(expected::add);
                assertThat(CaseWorkflow.available(step, role)).as("%s as %s", step, role).isEqualTo(expected);
            }
        }
    }

    @Test
    void casesOnlyEverGoOneLevelUpAndNotBeyondTheCity() {
        assertThat(CaseWorkflow.levelAbove("COMMUNITY")).contains("TOWNSHIP");
        assertThat(CaseWorkflow.levelAbove("TOWNSHIP")).contains("CITY");
        assertThat(CaseWorkflow.levelAbove("CITY")).isEmpty();
    }

    @Test
    void theFiveStepsAreOpenAndTheEndsAreNot() {
        assertThat(EnumSet.allOf(CaseStep.class).stream().filter(CaseStep::isOpen))
                .containsExactly(CaseStep.INTAKE, CaseStep.ROUTING, CaseStep.SUPERVISION, CaseStep.FEEDBACK, CaseStep.FOLLOW_UP);
    }
}
