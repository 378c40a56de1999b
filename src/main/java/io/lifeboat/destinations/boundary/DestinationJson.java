package io.lifeboat.destinations.boundary;

import io.lifeboat.destinations.entity.DestinationConfig;

import java.util.List;

/** A destination as the API shows it: its location holds secret aliases, never keys; {@code usedBy} lists targets. */
public record DestinationJson(String name, DestinationConfig.Kind kind, String location, List<String> usedBy) {

    static DestinationJson of(DestinationConfig config, List<String> usedBy) {
        return new DestinationJson(config.name(), config.kind(), config.location(), usedBy);
    }
}
