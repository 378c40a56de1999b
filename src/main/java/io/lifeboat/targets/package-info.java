/**
 * Targets: the PostgreSQL databases Lifeboat protects, and how to log in to them.
 */
package io.lifeboat.targets;
