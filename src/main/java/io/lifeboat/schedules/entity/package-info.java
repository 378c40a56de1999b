/**
 * A schedule of a target.
 */
package io.lifeboat.schedules.entity;
