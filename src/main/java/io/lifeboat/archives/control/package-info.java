/**
 * Reads a pg_dump custom archive from a stream without seeking: the table of contents, then the data blocks, which
 * backups count rows in and restores split into parallel streams. Every byte read can be passed on unchanged.
 */
package io.lifeboat.archives.control;
