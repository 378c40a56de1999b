/**
 * pg_dump's custom archives, read as they stream by: their table of contents and data blocks.
 */
package io.lifeboat.archives;
