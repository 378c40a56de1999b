/**
 * The destinations API: configure where backups go and test that a destination really takes, returns and deletes objects.
 */
package io.lifeboat.destinations.boundary;
