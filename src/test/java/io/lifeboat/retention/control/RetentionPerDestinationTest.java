package io.lifeboat.retention.control;

import io.lifeboat.backups.entity.BackupCopy;
import io.lifeboat.backups.entity.CopyStatus;
import io.lifeboat.retention.entity.DestinationPlan;
import io.lifeboat.retention.entity.RetentionCandidate;
import io.lifeboat.retention.entity.RetentionPlan;
import io.lifeboat.targets.entity.Target;
import io.lifeboat.targets.entity.TargetDestination;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention decided copy by copy, in each destination with its own policy. */
class RetentionPerDestinationTest {

    static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
    static final Target.Retention KEEP_2 = new Target.Retention(2, 0, 0, 0, 0);
    static final Target.Retention KEEP_4 = new Target.Retention(4, 0, 0, 0, 0);

    final CopyRetention retention = new CopyRetention(new RetentionPlanner());

    @Test
    void eachDestinationKeepsWhatItsOwnPolicySays() {
        List<CopyRetention.Listed> backups = daily(6, day -> List.of(complete("local"), complete("offsite")));

        var plans = plan(List.of(shared("local"), own("offsite", KEEP_4)), backups, Map.of());

        assertEquals(List.of("local", "offsite"), plans.stream().map(DestinationPlan::destination).toList());
        assertFalse(plans.get(0).ownPolicy());
        assertEquals(2, plans.get(0).policy().keepLast());
        assertEquals(List.of("b6", "b5"), plans.get(0).plan().keptIds());
        assertEquals(List.of("b4", "b3", "b2", "b1"), ids(plans.get(0).plan().delete()));
        assertTrue(plans.get(1).ownPolicy());
        assertEquals(List.of("b6", "b5", "b4", "b3"), plans.get(1).plan().keptIds());
        assertEquals(List.of("b2", "b1"), ids(plans.get(1).plan().delete()));
    }

    @Test
    void copiesThatFailedInOneDestinationDoNotAgeOutItsOlderGoodOnes() {
        // the offsite copies of the three newest backups failed: offsite still keeps two good ones, the older ones
        List<CopyRetention.Listed> backups = daily(6, day -> List.of(complete("local"),
                day > 3 ? failed("offsite") : complete("offsite")));

        var plans = plan(List.of(shared("local"), shared("offsite")), backups, Map.of());

        assertEquals(List.of("b6", "b5"), plans.get(0).plan().keptIds());
        RetentionPlan offsite = plans.get(1).plan();
        assertEquals(List.of("b3", "b2"), offsite.keptIds(), "never below 2 successful copies there");
        assertEquals(List.of("b1"), ids(offsite.delete()));
        assertEquals(List.of("b6", "b5", "b4"), ids(offsite.cleanUp()), "failed copies are cleaned up there");
        assertEquals(Optional.of(day(3)), offsite.anchor(), "time counts from the newest good copy in that destination");
    }

    @Test
    void aPinnedBackupIsKeptInEveryDestination() {
        List<CopyRetention.Listed> backups = new ArrayList<>(daily(5, day -> List.of(complete("local"),
                complete("offsite"))));
        var oldest = backups.remove(0);
        backups.add(new CopyRetention.Listed(oldest.id(), oldest.startedAt(), true, oldest.copies()));

        var plans = plan(List.of(shared("local"), own("offsite", new Target.Retention(1, 0, 0, 0, 0))), backups, Map.of());

        for (DestinationPlan plan : plans) {
            assertTrue(plan.plan().keptIds().contains("b1"), plan.destination() + ": " + plan.plan());
            assertFalse(plan.plan().toRemove().stream().anyMatch(c -> c.id().equals("b1")), plan.toString());
        }
    }

    @Test
    void sweptCopiesAndOtherDestinationsAreNotConsidered() {
        List<CopyRetention.Listed> backups = daily(4, day -> day == 1
                ? List.of(complete("local"), new BackupCopy("offsite", CopyStatus.SWEPT, "beyond the policy"))
                : List.of(complete("local"), complete("offsite")));
        var stray = "20261101T020000Z-abcdef";

        var plans = plan(List.of(shared("local"), shared("offsite")), backups,
                Map.of("offsite", Set.of(stray, "b2")));

        assertEquals(List.of("b4", "b3"), plans.get(1).plan().keptIds());
        assertEquals(List.of("b2"), ids(plans.get(1).plan().delete()), "b1 was swept there already");
        assertEquals(List.of(stray), ids(plans.get(1).plan().cleanUp()),
                "an incomplete folder there, old enough; a listed backup's folder is not incomplete");
        assertEquals(List.of(), plans.get(0).plan().cleanUp(), "the stray folder is not in the local destination");
    }

    private List<DestinationPlan> plan(List<TargetDestination> destinations, List<CopyRetention.Listed> backups,
                                       Map<String, Set<String>> incomplete) {
        return retention.plan(destinations, KEEP_2, backups, incomplete, ZoneOffset.UTC, NOW, Duration.ofHours(6));
    }

    private static List<CopyRetention.Listed> daily(int count, java.util.function.IntFunction<List<BackupCopy>> copies) {
        List<CopyRetention.Listed> backups = new ArrayList<>();
        for (int day = 1; day <= count; day++) {
            backups.add(new CopyRetention.Listed("b" + day, day(day), false, copies.apply(day)));
        }
        return backups;
    }

    private static Instant day(int day) {
        return Instant.parse("2026-11-01T02:00:00Z").plus(Duration.ofDays(day));
    }

    private static BackupCopy complete(String destination) {
        return new BackupCopy(destination, CopyStatus.COMPLETE, null);
    }

    private static BackupCopy failed(String destination) {
        return new BackupCopy(destination, CopyStatus.FAILED, "Could not reach the server");
    }

    private static TargetDestination shared(String name) {
        return new TargetDestination(name, Optional.empty());
    }

    private static TargetDestination own(String name, Target.Retention retention) {
        return new TargetDestination(name, Optional.of(retention));
    }

    private static List<String> ids(List<RetentionPlan.Delete> deletes) {
        return deletes.stream().map(RetentionPlan.Delete::backup).map(RetentionCandidate::id).toList();
    }
}
