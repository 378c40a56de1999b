package io.lifeboat.retention.control;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** The calendar periods of grandfather-father-son retention, each named by the date it starts on. */
enum CalendarPeriod {
    DAY("daily", ChronoUnit.DAYS),
    WEEK("weekly", ChronoUnit.WEEKS),
    MONTH("monthly", ChronoUnit.MONTHS);

    private final String rule;
    private final ChronoUnit unit;

    CalendarPeriod(String rule, ChronoUnit unit) {
        this.rule = rule;
        this.unit = unit;
    }

    /** The first day of the period that contains the date (ISO weeks start on Monday). */
    LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** 0 for the anchor's own period, 1 for the one before, and so on. */
    long periodsBefore(LocalDate periodStart, LocalDate anchorPeriodStart) {
        return unit.between(periodStart, anchorPeriodStart);
    }

    /** The reason shown for a backup kept as this period's representative, e.g. "weekly 2026-W46". */
    String reason(LocalDate periodStart) {
        return rule + " " + switch (this) {
            case DAY -> periodStart.toString();
            case WEEK -> String.format("%d-W%02d", periodStart.get(IsoFields.WEEK_BASED_YEAR),
                    periodStart.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> YearMonth.from(periodStart).toString();
        };
    }
}
