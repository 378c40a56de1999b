/**
 * Backups: the streaming dump pipeline, the repository format, and the backups listed in the catalog.
 */
package io.lifeboat.backups;
