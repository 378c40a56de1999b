/**
 * Schedules: cron expressions in a time zone, fired once per slot across instances.
 */
package io.lifeboat.schedules;
