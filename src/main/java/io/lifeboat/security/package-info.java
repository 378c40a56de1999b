/**
 * API tokens: Lifeboat signs MicroProfile JWTs with its own key pair from the data folder.
 */
package io.lifeboat.security;
