/**
 * Console users, API tokens and audit entries as the catalog holds them; none carries a secret.
 */
package io.lifeboat.security.entity;
