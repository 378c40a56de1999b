/**
 * The runs API.
 */
package io.lifeboat.runs.boundary;
