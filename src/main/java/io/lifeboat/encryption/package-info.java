/**
 * Encryption: backups encrypted with age for a target's recipients, so offsite copies are never in plain text,
 * and decrypted on restore with the target's identity or a key given at restore time.
 */
package io.lifeboat.encryption;
