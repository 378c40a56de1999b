/**
 * age encryption of backup artifacts, streamed in 64 KiB chunks, so offsite copies are never in plain text
 * and can still be decrypted with the standard {@code age} tool; manifests record recipient fingerprints, never keys.
 */
package io.lifeboat.encryption.control;
