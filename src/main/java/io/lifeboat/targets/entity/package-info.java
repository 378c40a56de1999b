/**
 * A target and its login.
 */
package io.lifeboat.targets.entity;
