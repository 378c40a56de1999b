/**
 * Applies a retention policy to the backups of one target and explains every decision, so that
 * rotation by hand goes away without ever deleting the last good backups of a target.
 */
package io.lifeboat.retention.control;
