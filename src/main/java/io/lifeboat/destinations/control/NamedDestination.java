package io.lifeboat.destinations.control;

import java.util.Objects;

/** A destination opened from the catalog, with the name the catalog knows it by. */
public record NamedDestination(String name, Destination destination) {

    public NamedDestination {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(destination, "destination");
    }
}
