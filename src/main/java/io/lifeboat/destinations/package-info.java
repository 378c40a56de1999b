/**
 * Destinations: where backups are written, read, listed and deleted.
 */
package io.lifeboat.destinations;
