package io.lifeboat.schedules.control;

import io.lifeboat.api.Problem;
import io.lifeboat.schedules.entity.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** The schedules in the catalog, and the claim that makes each slot fire once across instances. */
@ApplicationScoped
@Transactional
public class Schedules {

    /** Claims a slot (schedule id, slot, instance): one row for the first caller, none for every other. */
    public static final String CLAIM = "insert into schedule_claims (schedule_id, slot, instance) "
            + "values (?, ?, ?) on conflict do nothing";

    @PersistenceContext(unitName = "catalog")
    EntityManager em;

    public List<Schedule> forTarget(String target) {
        return em.createQuery("select s from Schedule s where s.target = :t order by s.id", Schedule.class)
                .setParameter("t", target).getResultList();
    }

    public List<Schedule> enabled() {
        return em.createQuery("select s from Schedule s where s.enabled = true order by s.id", Schedule.class)
                .getResultList();
    }

    /** Sets a target's schedule (one per target through the API); a blank cron removes it. */
    public void replace(String target, String cron, String zone) {
        forTarget(target).forEach(em::remove);
        if (cron == null || cron.isBlank()) {
            return;
        }
        CronSchedule parsed = parse(cron, zone == null || zone.isBlank() ? "UTC" : zone);
        em.persist(new Schedule(target, parsed.expression(), parsed.zone().getId()));
    }

    public static CronSchedule parse(String cron, String zone) {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw Problem.badRequest("Unknown time zone '" + zone + "': use a name such as \"Europe/Berlin\" or \"UTC\".");
        }
        try {
            return CronSchedule.parse(cron, zoneId);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }

    public Optional<ZonedDateTime> next(Schedule s, ZonedDateTime now) {
        return CronSchedule.parse(s.cron(), ZoneId.of(s.zone())).next(now);
    }

    /**
     * Claims a slot of a schedule for this instance; true for exactly one caller per slot,
     * however many instances tick at once.
     */
    public boolean claim(Schedule schedule, OffsetDateTime slot, String instance) {
        int inserted = em.createNativeQuery(CLAIM)
                .setParameter(1, schedule.id()).setParameter(2, slot).setParameter(3, instance)
                .executeUpdate();
        if (inserted == 1) {
            em.find(Schedule.class, schedule.id()).fired(slot);
        }
        return inserted == 1;
    }
}
