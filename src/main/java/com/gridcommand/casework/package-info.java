/**
 * Cases (矛盾纠纷/事件) and their five steps: 受理登记, 分流查处, 跟踪督办, 报结反馈, 回访总结.
 * A case's point decides its grid cell, community and township (in the database, on every write).
 */
package com.gridcommand.casework;
