/**
 * The admin console: PrimeFaces pages over the same control classes the API uses, for people who
 * check their backups, start one, or restore one, in their own language.
 */
package io.lifeboat.console;
