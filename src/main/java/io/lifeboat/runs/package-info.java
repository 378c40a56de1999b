/**
 * Runs: every backup or restore as it happens, with status, progress, log and heartbeat.
 */
package io.lifeboat.runs;
