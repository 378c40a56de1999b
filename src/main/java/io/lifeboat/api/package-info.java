/**
 * The JSON API for scripts under /api: its JAX-RS application and RFC 9457 problem details.
 * Resources live in their capabilities; this package holds only what they share.
 */
package io.lifeboat.api;
