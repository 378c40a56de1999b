/**
 * The API of a target's encryption settings: {@code /api/targets/{name}/encryption}.
 */
package io.lifeboat.encryption.boundary;
