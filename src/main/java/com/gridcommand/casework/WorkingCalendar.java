package com.gridcommand.casework;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.casework.internal.CaseQueries;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Working days: Monday to Friday, less public holidays, plus make-up working days on weekends (调休),
 * as an administrator keeps them in {@code calendar_day}. Deadlines count in working days.
 */
@Service
public class WorkingCalendar {

    /** When a clock started on a rest day begins to run: the next working day at office opening. */
    public static final LocalTime OFFICE_OPENS = LocalTime.of(9, 0);
    private static final Duration REFRESH = Duration.ofMinutes(5);

    public record CalendarDay(LocalDate day, String kind, String name) {}

    private final CaseQueries queries;
    private final CurrentUser current;
    private final ZoneId zone;
    private volatile Map<LocalDate, String> days;
    private volatile Instant loadedAt = Instant.EPOCH;

    WorkingCalendar(CaseQueries queries, CurrentUser current, Clock clock) {
        this.queries = queries;
        this.current = current;
        this.zone = clock.getZone();
    }

    private Map<LocalDate, String> days() {
        // Another node may have edited the calendar: reread it every few minutes.
        if (days == null || Instant.now().isAfter(loadedAt.plus(REFRESH))) reload();
        return days;
    }

    private void reload() {
        days = queries.calendarDays();
        loadedAt = Instant.now();
    }

    public boolean isWorkingDay(LocalDate date) {
        String kind = days().get(date);
        if (kind != null) return kind.equals("WORKDAY");
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The same time of day, the given number of working days later (a rest-day start counts from the next working morning). */
    public OffsetDateTime addWorkingDays(OffsetDateTime start, int workingDays) {
        ZonedDateTime local = start.atZoneSameInstant(zone);
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (!isWorkingDay(date)) {
            date = nextWorkingDay(date);
            time = OFFICE_OPENS;
        }
        for (int i = 0; i < workingDays; i++) date = nextWorkingDay(date);
        return ZonedDateTime.of(date, time, zone).toOffsetDateTime();
    }

    private LocalDate nextWorkingDay(LocalDate date) {
        LocalDate d = date.plusDays(1);
        for (int guard = 0; !isWorkingDay(d); guard++) {
            if (guard > 366) throw new IllegalStateException("the calendar has no working day within a year of " + date);
            d = d.plusDays(1);
        }
        return d;
    }

    @Transactional(readOnly = true)
    public List<CalendarDay> list(int year) {
        return queries.calendarYear(year);
    }

    /** An administrator marks a day a holiday (on a weekday) or a working day (on a weekend). */
    @Transactional
    public void set(LocalDate day, String kind, String name) {
        current.require(Role.ADMIN);
        if (!"HOLIDAY".equals(kind) && !"WORKDAY".equals(kind)) throw new ProblemException("problem.calendar.kind", "a day is a HOLIDAY or a WORKDAY");
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (kind.equals("HOLIDAY") && weekend) throw new ProblemException("problem.calendar.weekend", day + " is a weekend day: it is a rest day already", day);
        if (kind.equals("WORKDAY") && !weekend) throw new ProblemException("problem.calendar.weekday", day + " is a weekday: it is a working day already", day);
        if (name != null && name.length() > 50) throw new ProblemException("problem.calendar.name", "a day's name has at most 50 characters", 50);
        queries.markDay(day, kind, name);
        reload();
    }

    @Transactional
    public void remove(LocalDate day) {
        current.require(Role.ADMIN);
        queries.unmarkDay(day);
        reload();
    }

    /** For tests and after bulk edits. */
    public void refresh() {
        reload();
    }
}
