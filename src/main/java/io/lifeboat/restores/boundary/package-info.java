/**
 * The restores API.
 */
package io.lifeboat.restores.boundary;
