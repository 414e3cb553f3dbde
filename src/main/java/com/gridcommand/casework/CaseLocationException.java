package com.gridcommand.casework;

import com.gridcommand.base.i18n.ProblemException;

/** The point given for a case lies outside the city or outside the caller's areas. */
public class CaseLocationException extends ProblemException {

    private CaseLocationException(String key, String message, Object... args) {
        super(key, message, args);
    }

    static CaseLocationException outsideCity(double lon, double lat) {
        return new CaseLocationException("problem.case.outsideCity", "the point (" + lon + ", " + lat + ") lies outside every grid cell of the city");
    }

    /** Names the cell the point is in, so the user knows where they clicked. */
    static CaseLocationException outsideScope(CaseWorkflowService.Location where) {
        return new CaseLocationException("problem.case.outsideScope", "the point lies in " + where.cell() + ", outside your areas",
                where.cell(), where.community());
    }
}
