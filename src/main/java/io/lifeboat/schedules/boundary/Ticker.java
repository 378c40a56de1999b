package io.lifeboat.schedules.boundary;

import io.lifeboat.backups.control.BackupRuns;
import io.lifeboat.catalog.boundary.CatalogStartup;
import io.lifeboat.restores.control.RestoreRuns;
import io.lifeboat.runs.control.Reaper;
import io.lifeboat.schedules.control.Scheduling;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The clock of Lifeboat. Non-persistent timers fire on every instance; the work they start is
 * claimed in the catalog, so it runs once. A tick right after start gives the catch-up run of a
 * schedule missed while Lifeboat was down, and ends runs left behind by a dead instance.
 */
@Startup
@Singleton
@DependsOn("CatalogStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Ticker {

    @Inject
    CatalogStartup catalog;
    @Inject
    Scheduling scheduling;
    @Inject
    Reaper reaper;
    @Inject
    BackupRuns backupRuns;
    @Inject
    RestoreRuns restoreRuns;

    @Resource
    TimerService timers;

    private final AtomicBoolean ticking = new AtomicBoolean();

    @PostConstruct
    void soonAfterStart() {
        timers.createSingleActionTimer(2_000, new TimerConfig("first tick", false));
    }

    @Timeout
    void firstTick() {
        everyMinute();
    }

    @Schedule(hour = "*", minute = "*", persistent = false)
    public void everyMinute() {
        if (catalog.problem() != null || !ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            reaper.reap();
            scheduling.tick();
        } finally {
            ticking.set(false);
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    public void heartbeat() {
        if (catalog.problem() == null) {
            backupRuns.heartbeat();
            restoreRuns.heartbeat();
        }
    }
}
