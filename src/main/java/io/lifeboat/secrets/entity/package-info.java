/**
 * A password kept encrypted in the catalog.
 */
package io.lifeboat.secrets.entity;
