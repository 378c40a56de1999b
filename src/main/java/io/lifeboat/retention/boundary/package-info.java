/**
 * The retention API: a dry run and applying it.
 */
package io.lifeboat.retention.boundary;
