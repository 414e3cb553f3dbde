package com.gridcommand.casework;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The case page's primary action per step, what each action's text asks for, and how joint units are split. */
class ActionFormsTest {

    @Test
    void thePrimaryActionMovesTheCaseOn() {
        assertThat(ActionForms.primary(CaseStep.INTAKE)).isEqualTo(CaseAction.ROUTE);
        assertThat(ActionForms.primary(CaseStep.ROUTING)).isEqualTo(CaseAction.SIGN);
        assertThat(ActionForms.primary(CaseStep.SUPERVISION)).isEqualTo(CaseAction.REPORT);
        assertThat(ActionForms.primary(CaseStep.FEEDBACK)).isEqualTo(CaseAction.ACCEPT);
        assertThat(ActionForms.primary(CaseStep.FOLLOW_UP)).isEqualTo(CaseAction.FOLLOW_UP);
        assertThat(ActionForms.primary(CaseStep.CLOSED)).isNull();
    }

    @Test
    void eachActionAsksForItsText() {
        assertThat(ActionForms.noteKey(CaseAction.REPORT)).isEqualTo("case.input.outcome");
        for (CaseAction a : new CaseAction[]{CaseAction.REJECT, CaseAction.ESCALATE, CaseAction.REFER, CaseAction.REOPEN}) {
            assertThat(ActionForms.noteKey(a)).as(a.name()).isEqualTo("case.input.reason");
        }
        assertThat(ActionForms.noteKey(CaseAction.FOLLOW_UP)).isEqualTo("case.input.visit");
        for (CaseAction a : new CaseAction[]{CaseAction.ROUTE, CaseAction.SIGN, CaseAction.ACCEPT, CaseAction.JOINT, CaseAction.SUPERVISE}) {
            assertThat(ActionForms.noteKey(a)).as(a.name()).isEqualTo("case.input.note");
        }
    }

    @Test
    void jointUnitsAreSplitAtEverySeparatorAsTyped() {
        assertThat(ActionForms.jointUnits("公安,城管，司法所、妇联;信访；街道")).containsExactly("公安", "城管", "司法所", "妇联", "信访", "街道");
        assertThat(ActionForms.jointUnits("公安, 城管")).containsExactly("公安", " 城管");
        assertThat(ActionForms.jointUnits("公安,,城管,")).containsExactly("公安", "", "城管");
        assertThat(ActionForms.jointUnits("公安")).containsExactly("公安");
        assertThat(ActionForms.jointUnits("")).containsExactly("");
    }

    @Test
    void supervisionLevels() {
        assertThat(ActionForms.SUPERVISION_LEVELS).containsExactly("NONE", "TOWNSHIP", "CITY");
    }
}
