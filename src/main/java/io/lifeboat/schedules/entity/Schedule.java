package io.lifeboat.schedules.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** When a target is backed up: a cron expression in a time zone. */
@Entity
@Table(name = "schedules")
public class Schedule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String target;
    @Column(nullable = false)
    private String cron;
    @Column(nullable = false)
    private String zone;
    private boolean enabled;
    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;
    @Column(name = "last_slot")
    private OffsetDateTime lastSlot;

    protected Schedule() {
    }

    public Schedule(String target, String cron, String zone) {
        this.target = target;
        this.cron = cron;
        this.zone = zone;
        this.enabled = true;
        this.createdAt = OffsetDateTime.now();
    }

    public void change(String newCron, String newZone, boolean isEnabled) {
        this.cron = newCron;
        this.zone = newZone;
        this.enabled = isEnabled;
    }

    public void fired(OffsetDateTime slot) {
        this.lastSlot = slot;
    }

    public Long id() {
        return id;
    }

    public String target() {
        return target;
    }

    public String cron() {
        return cron;
    }

    public String zone() {
        return zone;
    }

    public boolean enabled() {
        return enabled;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime lastSlot() {
        return lastSlot;
    }
}
