/**
 * A backup, its manifest, its format and what triggered it.
 */
package io.lifeboat.backups.entity;
