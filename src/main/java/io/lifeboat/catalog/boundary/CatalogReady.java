package io.lifeboat.catalog.boundary;

/** Fired once the catalog is migrated and usable. */
public record CatalogReady(boolean embedded) {
}
