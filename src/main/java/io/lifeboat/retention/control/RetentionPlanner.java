package io.lifeboat.retention.control;

import io.lifeboat.retention.entity.RetentionCandidate;
import io.lifeboat.retention.entity.RetentionPlan;
import io.lifeboat.retention.entity.RetentionPlan.Delete;
import io.lifeboat.retention.entity.RetentionPlan.Keep;
import io.lifeboat.retention.entity.RetentionPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which backups of one target to keep and which to delete. It only plans: the caller
 * shows the plan (dry run) or deletes {@link RetentionPlan#toRemove()}.
 *
 * <ul>
 * <li>Pinned backups are never deleted, whatever their status.</li>
 * <li>The newest {@code keepLast} successful backups always stay.</li>
 * <li>Time rules count back from the newest <em>successful</em> backup (the anchor), not from now:
 *     when backups fail for weeks, the good ones from before do not age out meanwhile.</li>
 * <li>Daily, weekly (ISO) and monthly rules keep the newest successful backup of each of the last
 *     K calendar periods in the given zone, counting the anchor's own period as the first.</li>
 * <li>Failed backups never count as kept and are always cleaned up; an incomplete one is cleaned
 *     up once it is older than the grace period, before that it may still be running.</li>
 * </ul>
 */
@ApplicationScoped
public class RetentionPlanner {

    private static final Comparator<RetentionCandidate> NEWEST_FIRST =
            Comparator.comparing(RetentionCandidate::startedAt).thenComparing(RetentionCandidate::id).reversed();

    /**
     * @param policy          the target's policy
     * @param backups         all backups of the target, any order, any status
     * @param zone            the zone whose calendar days, weeks and months the GFS rules use
     * @param now             the current time; only the grace period of incomplete backups uses it
     * @param incompleteGrace how long an incomplete backup may still be running
     */
    public RetentionPlan plan(RetentionPolicy policy, List<RetentionCandidate> backups, ZoneId zone,
                              Instant now, Duration incompleteGrace) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        if (incompleteGrace == null || incompleteGrace.isNegative()) {
            throw new IllegalArgumentException("The grace period for incomplete backups is " + incompleteGrace
                    + ": give a duration of zero or more, e.g. PT6H, longer than the longest backup run.");
        }
        List<RetentionCandidate> newestFirst = requireUniqueIds(backups).stream().sorted(NEWEST_FIRST).toList();
        List<RetentionCandidate> successful = newestFirst.stream().filter(RetentionCandidate::succeeded).toList();
        Optional<Instant> anchor = successful.stream().findFirst().map(RetentionCandidate::startedAt);

        Map<RetentionCandidate, List<String>> reasons = keepReasons(policy, successful, zone);
        List<Keep> keep = new ArrayList<>();
        List<Delete> delete = new ArrayList<>();
        List<Delete> cleanUp = new ArrayList<>();
        List<Keep> leaveAlone = new ArrayList<>();
        for (RetentionCandidate backup : newestFirst) {
            if (backup.succeeded()) {
                List<String> why = reasons.get(backup);
                if (why.isEmpty()) {
                    delete.add(new Delete(backup, RetentionPlan.BEYOND_THE_POLICY));
                } else {
                    keep.add(new Keep(backup, why));
                }
            } else if (backup.pinned()) {
                leaveAlone.add(new Keep(backup, List.of("pinned")));
            } else if (backup.status() == RetentionCandidate.Status.FAILED) {
                cleanUp.add(new Delete(backup, "failed"));
            } else if (backup.startedAt().isAfter(now.minus(incompleteGrace))) {
                leaveAlone.add(new Keep(backup, List.of("incomplete, started within the last "
                        + readable(incompleteGrace) + ": may still be running")));
            } else {
                cleanUp.add(new Delete(backup, "incomplete for more than " + readable(incompleteGrace)));
            }
        }
        return new RetentionPlan(anchor, keep, delete, cleanUp, leaveAlone);
    }

    private static Map<RetentionCandidate, List<String>> keepReasons(RetentionPolicy policy,
                                                                    List<RetentionCandidate> successful, ZoneId zone) {
        Map<RetentionCandidate, List<String>> reasons = new LinkedHashMap<>();
        successful.forEach(backup -> reasons.put(backup, new ArrayList<>()));
        if (successful.isEmpty()) {
            return reasons;
        }
        Instant anchor = successful.get(0).startedAt();
        Instant oldestWithinDays = anchor.minus(Duration.ofDays(policy.keepDays()));
        for (int i = 0; i < successful.size(); i++) {
            RetentionCandidate backup = successful.get(i);
            List<String> why = reasons.get(backup);
            if (backup.pinned()) {
                why.add("pinned");
            }
            if (i < policy.keepLast()) {
                why.add("last " + policy.keepLast());
            }
            if (policy.keepDays() > 0 && backup.startedAt().isAfter(oldestWithinDays)) {
                why.add("within " + policy.keepDays() + " days");
            }
        }
        keepNewestPerPeriod(CalendarPeriod.DAY, policy.keepDaily(), successful, zone, reasons);
        keepNewestPerPeriod(CalendarPeriod.WEEK, policy.keepWeekly(), successful, zone, reasons);
        keepNewestPerPeriod(CalendarPeriod.MONTH, policy.keepMonthly(), successful, zone, reasons);
        return reasons;
    }

    private static void keepNewestPerPeriod(CalendarPeriod period, int count, List<RetentionCandidate> successful,
                                            ZoneId zone, Map<RetentionCandidate, List<String>> reasons) {
        if (count == 0) {
            return;
        }
        LocalDate anchorPeriod = period.start(localDate(successful.get(0), zone));
        Set<LocalDate> taken = new HashSet<>();
        for (RetentionCandidate backup : successful) {
            LocalDate backupPeriod = period.start(localDate(backup, zone));
            boolean counted = period.periodsBefore(backupPeriod, anchorPeriod) < count;
            if (counted && taken.add(backupPeriod)) {
                reasons.get(backup).add(period.reason(backupPeriod));
            }
        }
    }

    private static LocalDate localDate(RetentionCandidate backup, ZoneId zone) {
        return backup.startedAt().atZone(zone).toLocalDate();
    }

    private static List<RetentionCandidate> requireUniqueIds(List<RetentionCandidate> backups) {
        Objects.requireNonNull(backups, "backups");
        Set<String> ids = new HashSet<>();
        for (RetentionCandidate backup : backups) {
            if (!ids.add(backup.id())) {
                throw new IllegalArgumentException("Backup " + backup.id() + " is listed twice: retention needs "
                        + "each backup once; check the query that lists the target's backups.");
            }
        }
        return backups;
    }

    private static String readable(Duration duration) {
        if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0 && duration.toHours() > 0) {
            return duration.toHours() + " h";
        }
        return duration.toMinutes() + " min";
    }
}
