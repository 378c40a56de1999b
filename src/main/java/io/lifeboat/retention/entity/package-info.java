/**
 * What a retention policy says and what it decides: the policy per target, the backups it looks
 * at, and the plan of what to keep and what to delete, each with its reason, for display and dry runs.
 */
package io.lifeboat.retention.entity;
