package com.gridcommand.casework;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.casework.internal.CaseQueries;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Who handles a case and in how many working days, by category and severity: rules an administrator
 * edits. The most specific rule wins: a higher minimum severity first, then a category over "any".
 */
@Service
@Transactional(readOnly = true)
public class RoutingRules {

    public record Rule(long id, String category, int minSeverity, String unitTemplate, String level, int workingDays, long version) {}

    /** What a rule decides for one case. */
    public record Decision(long ruleId, String unit, String level, int workingDays) {}

    private final CaseQueries queries;
    private final CurrentUser current;

    RoutingRules(CaseQueries queries, CurrentUser current) {
        this.queries = queries;
        this.current = current;
    }

    public List<Rule> list() {
        return queries.rules();
    }

    public Decision decide(String category, int severity, String community, String township) {
        Rule rule = queries.ruleFor(category, severity).orElseThrow(() -> new IllegalStateException("no routing rule applies: keep a rule for any category at severity 1"));
        String unit = rule.unitTemplate().replace("{community}", community == null ? "" : community)
                .replace("{township}", township == null ? "" : township);
        return new Decision(rule.id(), unit, rule.level(), rule.workingDays());
    }

    /** The working days a step's clock allows (the handling step uses the case's own deadline instead). */
    public int stepWorkingDays(CaseStep step) {
        return queries.stepWorkingDays(step).orElse(1);
    }

    /** Thrown when a rule was changed by someone else since it was read. */
    public static class RuleChangedException extends ProblemException {
        RuleChangedException() {
            super("problem.rule.changed", "the rule was changed by someone else meanwhile: reload and edit again");
        }
    }

    /** Saves a rule (id 0: a new one), checked; a rule edited meanwhile by someone else is refused, not overwritten. */
    @Transactional
    public void save(Rule rule) {
        current.require(Role.ADMIN);
        if (rule.category() != null && !CaseService.CATEGORIES.contains(rule.category())) throw new ProblemException("problem.case.category", "unknown category " + rule.category());
        if (rule.minSeverity() < 1 || rule.minSeverity() > 4) throw new ProblemException("problem.case.severity", "severity is 1 to 4");
        if (rule.unitTemplate() == null || rule.unitTemplate().isBlank() || rule.unitTemplate().strip().length() > 100) {
            throw new ProblemException("problem.rule.unit", "a rule names a unit (at most 100 characters)", 100);
        }
        if (!List.of("COMMUNITY", "TOWNSHIP", "CITY").contains(rule.level())) throw new ProblemException("problem.rule.level", "unknown level " + rule.level());
        if (rule.workingDays() < 1 || rule.workingDays() > 90) throw new ProblemException("problem.rule.workingDays", "1 to 90 working days", 1, 90);
        boolean clash = queries.ruleClashes(rule.category(), rule.minSeverity(), rule.id());
        if (clash) throw new ProblemException("problem.rule.clash", "a rule for that category and severity exists already: edit it instead");
        if (rule.id() == 0) {
            queries.insertRule(rule.category(), rule.minSeverity(), rule.unitTemplate().strip(), rule.level(), rule.workingDays());
        } else {
            int rows = queries.updateRule(rule.id(), rule.version(), rule.category(), rule.minSeverity(), rule.unitTemplate().strip(), rule.level(),
                    rule.workingDays());
            if (rows == 0) throw new RuleChangedException();
        }
        requireCatchAll();
    }

    /** Removes a rule; the rule for any category at severity 1 stays, so every case has a rule. */
    @Transactional
    public void delete(long id, long version) {
        current.require(Role.ADMIN);
        if (queries.deleteRule(id, version) == 0) {
            throw new RuleChangedException();
        }
        requireCatchAll();
    }

    private void requireCatchAll() {
        boolean present = queries.catchAllRulePresent();
        if (!present) throw new ProblemException("problem.rule.catchAll", "keep the rule for any category at severity 1: every case needs a rule");
    }

    /** The clock of each step that has its own (the handling step runs to the case's deadline). */
    public java.util.Map<CaseStep, Integer> stepClocks() {
        return queries.stepClocks();
    }

    @Transactional
    public void setStepClock(CaseStep step, int workingDays) {
        current.require(Role.ADMIN);
        if (workingDays < 1 || workingDays > 30) throw new ProblemException("problem.rule.stepDays", "a step takes 1 to 30 working days", 1, 30);
        if (queries.setStepClock(step, workingDays) == 0) {
            throw new ProblemException("problem.rule.stepClock", "the step " + step + " runs to the case's own deadline");
        }
    }
}
