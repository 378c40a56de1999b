/**
 * The targets API and the JSON shapes it sends and receives.
 */
package io.lifeboat.targets.boundary;
