/**
 * The clock: timers that tick on every instance and delegate.
 */
package io.lifeboat.schedules.boundary;
