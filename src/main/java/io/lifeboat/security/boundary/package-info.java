/**
 * Who is calling: one authentication mechanism for the API (bearer tokens) and the console (form login
 * with a session), the login, setup and logout pages, and the API for users, tokens and the audit trail.
 */
package io.lifeboat.security.boundary;
