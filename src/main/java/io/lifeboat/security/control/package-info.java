/**
 * The signing key pair and the issuing of tokens with roles.
 */
package io.lifeboat.security.control;
