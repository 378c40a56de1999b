/**
 * Passwords by alias: from configuration, or encrypted (AES-GCM) in the catalog; never shown.
 */
package io.lifeboat.secrets;
