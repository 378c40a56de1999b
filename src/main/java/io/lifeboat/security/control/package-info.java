/**
 * The signing key pair, issuing and checking tokens, users with PBKDF2 hashes, login throttling and the
 * audit trail: plain classes on the catalog's datasource, testable against any PostgreSQL.
 */
package io.lifeboat.security.control;
