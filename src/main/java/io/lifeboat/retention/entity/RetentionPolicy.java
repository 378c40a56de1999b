package io.lifeboat.retention.entity;

/**
 * What to keep of one target's successful backups. A backup is kept when any rule keeps it;
 * every other successful backup is deleted. Time rules count back from the newest successful
 * backup, never from "now", so a target whose backups fail for weeks loses nothing to age.
 *
 * @param keepLast    the newest N successful backups are always kept; at least 1, so retention
 *                    never deletes the last good backup
 * @param keepDays    keep every successful backup younger than D days (24 h each) before the
 *                    newest successful one; 0 turns the rule off
 * @param keepDaily   keep the newest successful backup of each of the last K calendar days; 0 = off
 * @param keepWeekly  keep the newest successful backup of each of the last K ISO weeks; 0 = off
 * @param keepMonthly keep the newest successful backup of each of the last K months; 0 = off
 */
public record RetentionPolicy(int keepLast, int keepDays, int keepDaily, int keepWeekly, int keepMonthly) {

    public static final int DEFAULT_KEEP_LAST = 7;

    /** 100 years of days: more is a typo, not a policy. */
    static final int MAXIMUM = 36_600;

    public RetentionPolicy {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keepLast is " + keepLast + ", but retention never deletes below "
                    + "1 successful backup: set keepLast to 1 or more (the default is " + DEFAULT_KEEP_LAST + ").");
        }
        requireCount("keepLast", keepLast);
        requireCount("keepDays", keepDays);
        requireCount("keepDaily", keepDaily);
        requireCount("keepWeekly", keepWeekly);
        requireCount("keepMonthly", keepMonthly);
    }

    /** Keep the last {@value #DEFAULT_KEEP_LAST} successful backups, no time rules. */
    public static RetentionPolicy defaults() {
        return keepLast(DEFAULT_KEEP_LAST);
    }

    /** Keep the last N successful backups, no time rules. */
    public static RetentionPolicy keepLast(int n) {
        return new RetentionPolicy(n, 0, 0, 0, 0);
    }

    public RetentionPolicy withKeepDays(int days) {
        return new RetentionPolicy(keepLast, days, keepDaily, keepWeekly, keepMonthly);
    }

    /** Grandfather-father-son counts: daily, weekly and monthly (0 turns one off). */
    public RetentionPolicy withGfs(int daily, int weekly, int monthly) {
        return new RetentionPolicy(keepLast, keepDays, daily, weekly, monthly);
    }

    private static void requireCount(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " is " + value + ": use 0 to turn the rule off, or a positive count.");
        }
        if (value > MAXIMUM) {
            throw new IllegalArgumentException(name + " is " + value + ", more than " + MAXIMUM
                    + " (a hundred years of days): use a smaller count.");
        }
    }
}
