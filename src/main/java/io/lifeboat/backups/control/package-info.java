/**
 * The backup engine: a consistent pg_dump streamed through compression and a checksum into a destination,
 * with row counts from the same snapshot and a manifest written last, so a backup is either whole or absent.
 */
package io.lifeboat.backups.control;
