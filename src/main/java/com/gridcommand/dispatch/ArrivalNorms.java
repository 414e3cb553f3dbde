package com.gridcommand.dispatch;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.dispatch.internal.DispatchQueries;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
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

    private final DispatchQueries queries;
    private final CurrentUser current;

    ArrivalNorms(DispatchQueries queries, CurrentUser current) {
        this.queries = queries;
        this.current = current;
    }

    @Transactional(readOnly = true)
    public List<Norm> list() {
        return queries.norms();
    }

    public void set(long townshipId, int minutes) {
        current.require(Role.ADMIN);
        if (minutes < 1 || minutes > 120) throw new ProblemException("problem.norm.minutes", "an arrival norm is between 1 and 120 minutes", 1, 120);
        int rows = queries.setNorm(townshipId, minutes);
        if (rows == 0) throw new ProblemException("problem.norm.township", "no township " + townshipId);
    }
}
