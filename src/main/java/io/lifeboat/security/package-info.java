/**
 * Who may do what: console users with a form login, API tokens (JWTs signed with Lifeboat's own key and
 * registered in the catalog, so they can be revoked), roles, login throttling and the audit trail.
 */
package io.lifeboat.security;
