package com.gridcommand.security;

/** What a user does. Spring authorities are {@code ROLE_<name>}. */
public enum Role {
    /** 指挥中心值班人员: watches the whole map, corrects registrations. */
    COMMAND,
    /** 调度员: sends responders, sets their status. */
    DISPATCHER,
    /** 领导: judges coverage and work; reads the audit trail; decides on hotspots. */
    LEADER,
    /** 网格员: reports and handles cases in their own cells. */
    GRID_WORKER,
    /** 管理员: users, devices, map data. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
