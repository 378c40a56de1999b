package io.lifeboat.schedules.control;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Turns the wall-clock times a cron expression names into real moments in one zone. The mapping
 * never goes backwards in time, so the slots it yields stay in order:
 * a time the clocks skip (spring forward) becomes the moment of the jump, and a time the clocks
 * show twice (fall back) becomes its first occurrence.
 */
record WallClock(ZoneId zone) {

    /** The moment a slot runs. */
    ZonedDateTime moment(LocalDateTime slot) {
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(slot).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(slot);
            return gap.getInstant().atZone(zone);
        }
        return ZonedDateTime.ofLocal(slot, zone, null).withEarlierOffsetAtOverlap();
    }

    /**
     * A wall-clock time at or after every slot whose moment is not after {@code now}: during the
     * second pass of a repeated hour, slots later on the clock already ran in the first pass.
     */
    LocalDateTime latestCandidate(ZonedDateTime now) {
        ZonedDateTime local = now.withZoneSameInstant(zone);
        return LocalDateTime.ofInstant(now.toInstant(), local.withEarlierOffsetAtOverlap().getOffset());
    }

    /** The wall-clock time in this zone at a moment. */
    LocalDateTime wallTime(ZonedDateTime moment) {
        return moment.withZoneSameInstant(zone).toLocalDateTime();
    }
}
