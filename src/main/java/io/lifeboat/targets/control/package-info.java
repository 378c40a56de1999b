/**
 * Targets in the catalog, targets from configuration, connection checks and their error messages.
 */
package io.lifeboat.targets.control;
