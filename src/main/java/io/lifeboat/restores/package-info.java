/**
 * Restores into a new database: verify the checksum, restore, compare row counts, or drop.
 */
package io.lifeboat.restores;
