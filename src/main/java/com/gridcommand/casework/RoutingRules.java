package com.gridcommand.casework;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final CurrentUser current;

    RoutingRules(JdbcClient jdbc, CurrentUser current) {
        this.jdbc = jdbc;
        this.current = current;
    }

    public List<Rule> list() {
        return jdbc.sql("select * from routing_rule order by category nulls first, min_severity")
                .query((rs, i) -> new Rule(rs.getLong("id"), rs.getString("category"), rs.getInt("min_severity"),
                        rs.getString("unit_template"), rs.getString("level"), rs.getInt("working_days"), rs.getLong("version")))
                .list();
    }

    public Decision decide(String category, int severity, String community, String township) {
        Rule rule = jdbc.sql("""
                        select * from routing_rule where (category = :c or category is null) and min_severity <= :s
                         order by min_severity desc, (category is not null) desc limit 1""")
                .param("c", category).param("s", severity)
                .query((rs, i) -> new Rule(rs.getLong("id"), rs.getString("category"), rs.getInt("min_severity"),
                        rs.getString("unit_template"), rs.getString("level"), rs.getInt("working_days"), rs.getLong("version")))
                .optional().orElseThrow(() -> new IllegalStateException("no routing rule applies: keep a rule for any category at severity 1"));
        String unit = rule.unitTemplate().replace("{community}", community == null ? "" : community)
                .replace("{township}", township == null ? "" : township);
        return new Decision(rule.id(), unit, rule.level(), rule.workingDays());
    }

    /** The working days a step's clock allows (the handling step uses the case's own deadline instead). */
    public int stepWorkingDays(CaseStep step) {
        return jdbc.sql("select working_days from step_clock where step = :s").param("s", step.name()).query(Integer.class).optional().orElse(1);
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
        boolean clash = jdbc.sql("select exists (select 1 from routing_rule where category is not distinct from :c and min_severity = :s and id <> :id)")
                .param("c", rule.category()).param("s", rule.minSeverity()).param("id", rule.id()).query(Boolean.class).single();
        if (clash) throw new ProblemException("problem.rule.clash", "a rule for that category and severity exists already: edit it instead");
        if (rule.id() == 0) {
            jdbc.sql("insert into routing_rule (category, min_severity, unit_template, level, working_days) values (:c, :s, :u, :l, :d)")
                    .param("c", rule.category()).param("s", rule.minSeverity()).param("u", rule.unitTemplate().strip())
                    .param("l", rule.level()).param("d", rule.workingDays()).update();
        } else {
            int rows = jdbc.sql("""
                            update routing_rule set category = :c, min_severity = :s, unit_template = :u, level = :l, working_days = :d,
                                   version = version + 1 where id = :id and version = :v""")
                    .param("c", rule.category()).param("s", rule.minSeverity()).param("u", rule.unitTemplate().strip())
                    .param("l", rule.level()).param("d", rule.workingDays()).param("id", rule.id()).param("v", rule.version()).update();
            if (rows == 0) throw new RuleChangedException();
        }
        requireCatchAll();
    }

    /** Removes a rule; the rule for any category at severity 1 stays, so every case has a rule. */
    @Transactional
    public void delete(long id, long version) {
        current.require(Role.ADMIN);
        if (jdbc.sql("delete from routing_rule where id = :id and version = :v").param("id", id).param("v", version).update() == 0) {
            throw new RuleChangedException();
        }
        requireCatchAll();
    }

    private void requireCatchAll() {
        boolean present = jdbc.sql("select exists (select 1 from routing_rule where category is null and min_severity = 1)").query(Boolean.class).single();
        if (!present) throw new ProblemException("problem.rule.catchAll", "keep the rule for any category at severity 1: every case needs a rule");
    }

    /** The clock of each step that has its own (the handling step runs to the case's deadline). */
    public java.util.Map<CaseStep, Integer> stepClocks() {
        java.util.Map<CaseStep, Integer> clocks = new java.util.EnumMap<>(CaseStep.class);
        jdbc.sql("select step, working_days from step_clock").query(rs -> {
            clocks.put(CaseStep.valueOf(rs.getString(1)), rs.getInt(2));
        });
        return clocks;
    }

    @Transactional
    public void setStepClock(CaseStep step, int workingDays) {
        current.require(Role.ADMIN);
        if (workingDays < 1 || workingDays > 30) throw new ProblemException("problem.rule.stepDays", "a step takes 1 to 30 working days", 1, 30);
        if (jdbc.sql("update step_clock set working_days = :d where step = :s").param("d", workingDays).param("s", step.name()).update() == 0) {
            throw new ProblemException("problem.rule.stepClock", "the step " + step + " runs to the case's own deadline");
        }
    }
}
