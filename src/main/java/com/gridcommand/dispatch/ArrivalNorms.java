package com.gridcommand.dispatch;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The arrival norm per township (110 policing: 5 minutes in the city's streets, 10 in the suburbs): the
 * travel time a dispatcher's candidates and the live reach are judged against. Administrators set it;
 * changes land in the audit trail (the township's trigger).
 */
@Service
@Transactional
public class ArrivalNorms {

    public record Norm(long townshipId, String code, String name, String kind, int minutes) {}

    private final JdbcClient jdbc;
    private final CurrentUser current;

    ArrivalNorms(JdbcClient jdbc, CurrentUser current) {
        this.jdbc = jdbc;
        this.current = current;
    }

    @Transactional(readOnly = true)
    public List<Norm> list() {
        return jdbc.sql("select id, code, name, kind, arrival_norm_minutes from township order by code")
                .query((rs, i) -> new Norm(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5))).list();
    }

    public void set(long townshipId, int minutes) {
        current.require(Role.ADMIN);
        if (minutes < 1 || minutes > 120) throw new ProblemException("problem.norm.minutes", "an arrival norm is between 1 and 120 minutes", 1, 120);
        int rows = jdbc.sql("update township set arrival_norm_minutes = :m where id = :id").param("m", minutes).param("id", townshipId).update();
        if (rows == 0) throw new ProblemException("problem.norm.township", "no township " + townshipId);
    }
}
