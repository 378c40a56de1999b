/**
 * Bringing the catalog up at start, its readiness check, and the first-start seed.
 */
package io.lifeboat.catalog.boundary;
