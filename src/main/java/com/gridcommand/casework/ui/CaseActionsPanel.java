package com.gridcommand.casework.ui;

import com.gridcommand.casework.ActionForms;
import com.gridcommand.casework.CaseAction;
import com.gridcommand.casework.CaseDetails;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.CaseStep;
import com.gridcommand.casework.CaseWorkflow;
import com.gridcommand.casework.CaseWorkflowService;
import com.gridcommand.security.GridUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the user may do with the case in its step (#case-actions): a button per action (the one that moves the case
 * on is primary), why acceptance is not offered to the one who reported, the correction, and the way to dispatch.
 */
final class CaseActionsPanel extends Div {

    /** {@code onAction} opens an action's dialog; {@code onCorrected} is told after a correction was saved. */
    CaseActionsPanel(CaseDetails c, Optional<GridUser> user, CaseService cases, CaseWorkflowService workflow,
                     Consumer<CaseAction> onAction, Runnable onCorrected) {
        addClassName("gc-actions");
        setId("case-actions");
        user.ifPresent(u -> {
            for (CaseAction action : workflow.available(c)) {
                if (action == CaseAction.CORRECT) continue;
                Button b = new Button(getTranslation("case.action." + action), e -> onAction.accept(action));
                b.setId("action-" + action.name().toLowerCase());
                if (action == ActionForms.primary(c.caseStep())) b.addThemeVariants(ButtonVariant.PRIMARY);
                add(b);
            }
            if (workflow.ownReport(c) && CaseWorkflow.allows(c.caseStep(), CaseAction.ACCEPT, u.role())) {
                // Four eyes: not offered to the account that reported, and said why.
                Span hint = new Span(getTranslation("case.action.ownReport"));
                hint.setId("accept-own-report");
                hint.addClassName("gc-hint");
                add(hint);
            }
            if (CaseWorkflow.allows(c.caseStep(), CaseAction.CORRECT, u.role())) {
                Button correct = new Button(getTranslation("case.correct.action"), e -> new CaseCorrectionDialog(cases, workflow, c.id(), c.title(),
                        c.description(), c.category(), c.severity(), c.version(), onCorrected).open());
                correct.addThemeVariants(ButtonVariant.TERTIARY);
                correct.setId("action-correct");
                add(correct);
            }
            if (c.caseStep() != CaseStep.CLOSED && u.has(Role.DISPATCHER, Role.COMMAND)) {
                // Sending people to the place: the dispatch screen with this case as its target.
                Anchor dispatch = new Anchor("dispatch?case=" + c.id(), getTranslation("case.dispatch"));
                dispatch.setId("action-dispatch");
                dispatch.addClassName("gc-action-link");
                add(dispatch);
            }
        });
    }
}
