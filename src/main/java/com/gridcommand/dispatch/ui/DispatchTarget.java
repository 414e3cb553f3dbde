package com.gridcommand.dispatch.ui;

/** What the dispatcher sends units to: a case or an emergency, with its label and point. */
record DispatchTarget(Long caseId, Long emergencyId, String label, double lon, double lat) {

    static DispatchTarget ofCase(com.gridcommand.casework.CaseDetails c) {
        return new DispatchTarget(c.id(), null, c.code() + " " + c.title(), c.lon(), c.lat());
    }

    static DispatchTarget ofEmergency(long id, String title, double lon, double lat) {
        return new DispatchTarget(null, id, title, lon, lat);
    }

    /** Units can be sent to it (the search point alone cannot take them). */
    boolean assignable() {
        return caseId != null || emergencyId != null;
    }
}
