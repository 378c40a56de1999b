/**
 * A configured destination.
 */
package io.lifeboat.destinations.entity;
