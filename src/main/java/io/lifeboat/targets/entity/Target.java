package io.lifeboat.targets.entity;

import io.lifeboat.backups.entity.BackupFormat;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A PostgreSQL database Lifeboat protects. Its password is a secret alias, never a value. */
@Entity
@Table(name = "targets")
public class Target {

    public static final String NAME_PATTERN = "^[a-z0-9][a-z0-9_-]{0,62}$";

    @Id
    private String name;
    @Column(nullable = false)
    private String host;
    private int port;
    @Column(name = "database_name", nullable = false)
    private String databaseName;
    @Column(nullable = false)
    private String username;
    @Column(name = "secret_alias", nullable = false)
    private String secretAlias;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BackupFormat format;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "target_destinations", joinColumns = @JoinColumn(name = "target"))
    @OrderColumn(name = "position")
    private List<TargetDestination> destinations = new ArrayList<>();
    @Column(name = "keep_last")
    private int keepLast;
    @Column(name = "keep_days")
    private int keepDays;
    @Column(name = "keep_daily")
    private int keepDaily;
    @Column(name = "keep_weekly")
    private int keepWeekly;
    @Column(name = "keep_monthly")
    private int keepMonthly;
    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Target() {
    }

    public Target(String name, Connection connection, BackupFormat format, List<TargetDestination> destinations,
                  Retention retention) {
        this.name = name;
        this.createdAt = OffsetDateTime.now();
        sendTo(destinations);
        change(connection, format, retention);
    }

    /** Where backups go from now on, in this order: a restore reads the first complete copy. */
    public void sendTo(List<TargetDestination> newDestinations) {
        if (newDestinations.isEmpty()) {
            throw new IllegalArgumentException("A target needs at least one destination");
        }
        destinations.clear();
        destinations.addAll(newDestinations);
    }

    /** How to reach the database (the password is looked up by alias). */
    public record Connection(String host, int port, String database, String user, String secretAlias) {
    }

    /** What retention keeps: the last N, D days, and daily / weekly / monthly generations. */
    public record Retention(int keepLast, int keepDays, int keepDaily, int keepWeekly, int keepMonthly) {
        public static final Retention DEFAULT = new Retention(7, 0, 7, 4, 6);
    }

    public void change(Connection connection, BackupFormat newFormat, Retention retention) {
        this.host = connection.host();
        this.port = connection.port();
        this.databaseName = connection.database();
        this.username = connection.user();
        this.secretAlias = connection.secretAlias();
        this.format = newFormat;
        this.keepLast = retention.keepLast();
        this.keepDays = retention.keepDays();
        this.keepDaily = retention.keepDaily();
        this.keepWeekly = retention.keepWeekly();
        this.keepMonthly = retention.keepMonthly();
    }

    public String name() {
        return name;
    }

    public Connection connection() {
        return new Connection(host, port, databaseName, username, secretAlias);
    }

    public Retention retention() {
        return new Retention(keepLast, keepDays, keepDaily, keepWeekly, keepMonthly);
    }

    public BackupFormat format() {
        return format;
    }

    /** Names of the destinations, in order. */
    public List<String> destinationNames() {
        return destinations.stream().map(TargetDestination::destination).toList();
    }

    public List<TargetDestination> destinations() {
        return List.copyOf(destinations);
    }

    public DatabaseLogin login(String password) {
        return new DatabaseLogin(host, port, databaseName, username, password);
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
