/**
 * A run and the transitions of its status.
 */
package io.lifeboat.runs.entity;
