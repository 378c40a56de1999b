/**
 * When a target's backups are due: cron expressions read in the target's own time zone, with
 * daylight-saving changes handled on purpose, so that a nightly backup is never skipped nor run twice.
 */
package io.lifeboat.schedules.control;
