package io.lifeboat.runs.control;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a run may stay silent before it counts as dead, from {@code lifeboat.runs.heartbeat-timeout}. Running
 * runs beat every 10 s, so a timeout below {@link #SHORTEST} would fail live runs after one late beat: it is raised
 * to {@link #SHORTEST}, and the warning says so.
 *
 * @param value   the timeout in force
 * @param warning what was wrong with the configured value, if anything
 */
public record HeartbeatTimeout(Duration value, Optional<String> warning) {

    public static final String KEY = "lifeboat.runs.heartbeat-timeout";
    public static final Duration SHORTEST = Duration.ofSeconds(30);
    public static final Duration DEFAULT = Duration.ofMinutes(2);

    public static HeartbeatTimeout of(String configured) {
        Duration parsed;
        try {
            parsed = Duration.parse(configured.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            return new HeartbeatTimeout(DEFAULT, Optional.of(KEY + " is '" + configured + "', which is not an ISO-8601 "
                    + "duration: using " + DEFAULT + "; write it like PT2M or PT45S"));
        }
        if (parsed.compareTo(SHORTEST) < 0) {
            return new HeartbeatTimeout(SHORTEST, Optional.of(KEY + " is " + parsed + ", shorter than " + SHORTEST
                    + ": runs beat every 10 s, so live runs would be failed as dead; using " + SHORTEST
                    + " instead. Set it to " + SHORTEST + " or more"));
        }
        return new HeartbeatTimeout(parsed, Optional.empty());
    }
}
