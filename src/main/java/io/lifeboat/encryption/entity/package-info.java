/**
 * A target's encryption settings as the catalog keeps them: public keys and secret aliases, never secrets.
 */
package io.lifeboat.encryption.entity;
