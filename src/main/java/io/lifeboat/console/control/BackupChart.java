package io.lifeboat.console.control;

import io.lifeboat.backups.entity.Backup;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/**
 * A Chart.js configuration of backup size (MB, bars, left axis) and duration (seconds, line, right
 * axis) over time, oldest first, for PrimeFaces' {@code p:chart}.
 */
public final class BackupChart {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private BackupChart() {
    }

    /**
     * @param backups      the backups to show (any order); the newest {@code limit} are drawn
     * @param sizeLabel    the legend of the size series
     * @param durationLabel the legend of the duration series
     */
    public static String json(List<Backup> backups, int limit, String sizeLabel, String durationLabel) {
        List<Backup> shown = backups.stream().sorted(Comparator.comparing(Backup::startedAt).reversed()).limit(limit)
                .sorted(Comparator.comparing(Backup::startedAt)).toList();
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder sizes = Json.createArrayBuilder();
        JsonArrayBuilder durations = Json.createArrayBuilder();
        for (Backup b : shown) {
            labels.add(b.target() + " " + LABEL.format(b.startedAt()));
            sizes.add(Math.round(b.sizeBytes() / 10_485.76) / 100.0);
            durations.add(Duration.between(b.startedAt(), b.finishedAt()).toMillis() / 1000.0);
        }
        JsonObjectBuilder data = Json.createObjectBuilder().add("labels", labels).add("datasets", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "bar").add("label", sizeLabel).add("data", sizes)
                        .add("yAxisID", "size").add("backgroundColor", "rgba(54, 162, 235, 0.5)"))
                .add(Json.createObjectBuilder().add("type", "line").add("label", durationLabel).add("data", durations)
                        .add("yAxisID", "duration").add("borderColor", "rgb(255, 159, 64)").add("fill", false)));
        JsonObjectBuilder options = Json.createObjectBuilder().add("animation", false)
                .add("responsive", true).add("maintainAspectRatio", false)
                .add("scales", Json.createObjectBuilder()
                        .add("size", Json.createObjectBuilder().add("type", "linear").add("position", "left")
                                .add("beginAtZero", true))
                        .add("duration", Json.createObjectBuilder().add("type", "linear").add("position", "right")
                                .add("beginAtZero", true)
                                .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false))));
        return Json.createObjectBuilder().add("type", "bar").add("data", data).add("options", options).build().toString();
    }
}
