/**
 * Runs in the catalog, this instance, and the reaper that ends runs whose instance died.
 */
package io.lifeboat.runs.control;
