package io.lifeboat.destinations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A configured place where backups go. The {@code location} of a {@link Kind#LOCAL} destination is a folder
 * path; of an {@link Kind#S3} one, a URI as documented on
 * {@link io.lifeboat.destinations.control.S3Location} (secret aliases, never keys); of an {@link Kind#ONEDRIVE}
 * one, as documented on {@link io.lifeboat.destinations.control.OneDriveLocation}.
 */
@Entity
@Table(name = "destinations")
public class DestinationConfig {

    public enum Kind { LOCAL, S3, ONEDRIVE }

    @Id
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;

    @Column(nullable = false)
    private String location;

    protected DestinationConfig() {
    }

    public DestinationConfig(String name, Kind kind, String location) {
        this.name = name;
        this.kind = kind;
        this.location = location;
    }

    public void change(Kind newKind, String newLocation) {
        this.kind = newKind;
        this.location = newLocation;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public String location() {
        return location;
    }
}
