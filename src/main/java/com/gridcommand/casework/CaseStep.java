package com.gridcommand.casework;

/**
 * Where a case stands. The five steps the source document names, then closed — and referral onward (导访).
 */
public enum CaseStep {
    /** 受理登记: registered, to be routed. */
    INTAKE,
    /** 分流查处: routed to a responsible unit, to be signed for. */
    ROUTING,
    /** 跟踪督办: being handled by the unit, tracked against its deadline. */
    SUPERVISION,
    /** 报结反馈: the handler reported the result, to be reviewed. */
    FEEDBACK,
    /** 回访总结: accepted, the parties to be visited back. */
    FOLLOW_UP,
    /** 办结: done. */
    CLOSED,
    /** 导访: referred to another body. */
    REFERRED;

    public boolean isOpen() {
        return this != CLOSED && this != REFERRED;
    }
}
