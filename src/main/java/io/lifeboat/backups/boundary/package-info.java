/**
 * The backups API: start one, list, read manifests, pin, delete.
 */
package io.lifeboat.backups.boundary;
