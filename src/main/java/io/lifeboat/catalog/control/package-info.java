/**
 * Plain Java for the catalog: the data folder, the embedded PostgreSQL cluster and the
 * lowest-priority configuration defaults that point at it.
 */
package io.lifeboat.catalog.control;
