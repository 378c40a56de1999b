/**
 * Retention: which backups to keep and which to delete, never below the last N, never pinned ones.
 */
package io.lifeboat.retention;
