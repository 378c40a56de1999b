package io.lifeboat.targets.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Optional;

/** One destination of a target, optionally with its own retention instead of the target's. */
@Embeddable
public class TargetDestination {

    @Column(nullable = false)
    private String destination;
    @Column(name = "keep_last")
    private Integer keepLast;
    @Column(name = "keep_days")
    private Integer keepDays;
    @Column(name = "keep_daily")
    private Integer keepDaily;
    @Column(name = "keep_weekly")
    private Integer keepWeekly;
    @Column(name = "keep_monthly")
    private Integer keepMonthly;

    protected TargetDestination() {
    }

    public TargetDestination(String destination, Optional<Target.Retention> retention) {
        this.destination = destination;
        retention.ifPresent(r -> {
            keepLast = r.keepLast();
            keepDays = r.keepDays();
            keepDaily = r.keepDaily();
            keepWeekly = r.keepWeekly();
            keepMonthly = r.keepMonthly();
        });
    }

    public String destination() {
        return destination;
    }

    /** The retention of this destination when it has its own; each rule it does not set is the target's. */
    public Optional<Target.Retention> ownRetention() {
        if (keepLast == null && keepDays == null && keepDaily == null && keepWeekly == null && keepMonthly == null) {
            return Optional.empty();
        }
        return Optional.of(new Target.Retention(or(keepLast, 1), or(keepDays, 0), or(keepDaily, 0),
                or(keepWeekly, 0), or(keepMonthly, 0)));
    }

    /** What retention keeps here: the destination's own policy, or else the target's. */
    public Target.Retention retention(Target.Retention ofTarget) {
        return ownRetention().orElse(ofTarget);
    }

    private static int or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }
}
