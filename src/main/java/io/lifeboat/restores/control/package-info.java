/**
 * Restores a backup into a new database, checking the artifact against its manifest before anything is created.
 * A restore either ends with every manifest table's rows in place or leaves nothing behind: no half-made database.
 */
package io.lifeboat.restores.control;
