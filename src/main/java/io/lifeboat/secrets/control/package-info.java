/**
 * Resolving and storing secrets, and the cipher for the ones kept in the catalog.
 */
package io.lifeboat.secrets.control;
