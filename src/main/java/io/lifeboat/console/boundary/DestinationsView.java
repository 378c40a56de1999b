package io.lifeboat.console.boundary;

import io.lifeboat.api.Problem;
import io.lifeboat.destinations.control.DestinationCatalog;
import io.lifeboat.destinations.control.Destinations;
import io.lifeboat.destinations.control.Probe;
import io.lifeboat.destinations.entity.DestinationConfig;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/**
 * The destinations backups are written to (admins): add one, test it with a probe object, delete one
 * nothing uses. Credentials are aliases; none is shown.
 */
@Named
@ViewScoped
public class DestinationsView implements Serializable {

    @Inject
    transient DestinationCatalog catalog;
    @Inject
    transient Destinations destinations;
    @Inject
    ConsoleUser user;
    @Inject
    Texts texts;
    @Inject
    ConsoleAudit audit;

    private String name;
    private DestinationConfig.Kind kind = DestinationConfig.Kind.LOCAL;
    private String location;

    public List<DestinationConfig> getDestinations() {
        return catalog.all();
    }

    public void create() {
        user.requireAdmin();
        try {
            DestinationConfig created = catalog.create(name, kind.name(), location);
            audit.success("destination.create", created.name(), "console: " + created.kind());
            texts.info("destinations.created", created.name());
            name = null;
            location = null;
        } catch (Problem e) {
            audit.failure("destination.create", name, "console: " + e.getMessage());
            texts.error("destinations:" + e.extensions().getOrDefault("field", "name"), e.getMessage());
        }
    }

    /** The same probe as POST /api/destinations/{name}/test: write, read back, list and delete an object. */
    public void test(String destination) {
        user.requireAdmin();
        try {
            catalog.require(destination);
            Probe.Result result = Probe.run(destinations.open(destination));
            if (result.ok()) {
                audit.success("destination.test", destination, "console");
                texts.info("destinations.tested", destination, result.message());
            } else {
                audit.failure("destination.test", destination, "console: " + result.message());
                texts.error(null, result.message());
            }
        } catch (RuntimeException e) {
            audit.failure("destination.test", destination, "console: " + e.getMessage());
            texts.error(null, e.getMessage());
        }
    }

    public void delete(String destination) {
        user.requireAdmin();
        try {
            catalog.delete(destination);
            audit.success("destination.delete", destination, "console");
            texts.info("destinations.deleted", destination);
        } catch (Problem e) {
            audit.failure("destination.delete", destination, "console: " + e.getMessage());
            texts.error(null, e.getMessage());
        }
    }

    public List<DestinationConfig.Kind> getKinds() {
        return List.of(DestinationConfig.Kind.values());
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public DestinationConfig.Kind getKind() { return kind; }
    public void setKind(DestinationConfig.Kind kind) { this.kind = kind; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
}
