package com.gridcommand.casework.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * The demo's holiday calendar: the 2026 public holidays that fall on weekdays and the weekend days
 * worked instead (调休), entered into an empty calendar at the demo's first start so the deadlines of
 * the demo city skip them. They are demo data, named as such: in production
 * ({@code gridcommand.casework.demo-calendar=false}) an administrator enters the State Council's
 * notice for each year under 规则设置.
 */
@Component
class DemoCalendar {

    private static final Logger log = LoggerFactory.getLogger(DemoCalendar.class);

    private record Day(String day, String kind, String name) {}

    private static final List<Day> DAYS_2026 = List.of(
            new Day("2026-01-01", "HOLIDAY", "元旦"), new Day("2026-01-02", "HOLIDAY", "元旦"), new Day("2026-01-04", "WORKDAY", "元旦调休"),
            new Day("2026-02-14", "WORKDAY", "春节调休"), new Day("2026-02-16", "HOLIDAY", "春节"), new Day("2026-02-17", "HOLIDAY", "春节"),
            new Day("2026-02-18", "HOLIDAY", "春节"), new Day("2026-02-19", "HOLIDAY", "春节"), new Day("2026-02-20", "HOLIDAY", "春节"),
            new Day("2026-02-23", "HOLIDAY", "春节"), new Day("2026-02-28", "WORKDAY", "春节调休"),
            new Day("2026-04-06", "HOLIDAY", "清明节"),
            new Day("2026-05-01", "HOLIDAY", "劳动节"), new Day("2026-05-04", "HOLIDAY", "劳动节"), new Day("2026-05-05", "HOLIDAY", "劳动节"),
            new Day("2026-05-09", "WORKDAY", "劳动节调休"),
            new Day("2026-06-19", "HOLIDAY", "端午节"),
            new Day("2026-09-20", "WORKDAY", "国庆节调休"), new Day("2026-09-25", "HOLIDAY", "中秋节"),
            new Day("2026-10-01", "HOLIDAY", "国庆节"), new Day("2026-10-02", "HOLIDAY", "国庆节"), new Day("2026-10-05", "HOLIDAY", "国庆节"),
            new Day("2026-10-06", "HOLIDAY", "国庆节"), new Day("2026-10-07", "HOLIDAY", "国庆节"), new Day("2026-10-10", "WORKDAY", "国庆节调休"));

    private final JdbcClient jdbc;
    private final boolean enabled;

    DemoCalendar(JdbcClient jdbc, @Value("${gridcommand.casework.demo-calendar:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.enabled = enabled;
    }

    @EventListener(ApplicationStartedEvent.class)
    void enterIfEmpty() {
        if (!enabled || jdbc.sql("select exists (select 1 from calendar_day)").query(Boolean.class).single()) return;
        for (Day d : DAYS_2026) {
            jdbc.sql("insert into calendar_day (day, kind, name) values (:d, :k, :n) on conflict do nothing")
                    .param("d", LocalDate.parse(d.day())).param("k", d.kind()).param("n", d.name() + "（演示数据，请按国务院办公厅通知核对）").update();
        }
        log.info("Demo holiday calendar for 2026 entered ({} days); check it against the official notice before real use", DAYS_2026.size());
    }
}
