/**
 * Lifeboat's own database: the embedded cluster, the container datasource, versioned migrations
 * and what a fresh installation needs at first start.
 */
package io.lifeboat.catalog;
