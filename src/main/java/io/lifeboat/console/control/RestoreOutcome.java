package io.lifeboat.console.control;

import io.lifeboat.runs.entity.Run;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.List;

/**
 * How a restore run ended, as the wizard's report shows it: success with every table's expected and
 * restored rows, or the reason it failed (the new database is then gone).
 */
public record RestoreOutcome(boolean succeeded, String message, String database, List<TableRows> tables,
                             List<String> warnings) {

    /** One table's rows: as the manifest says and as found in the restored database (-1 when missing). */
    public record TableRows(String table, long expected, long restored) {
        public boolean matches() {
            return expected == restored;
        }
    }

    public static RestoreOutcome of(Run run) {
        boolean ok = run.status() == Run.Status.SUCCEEDED;
        if (!ok || run.report() == null) {
            return new RestoreOutcome(ok, run.message(), run.restoreDatabase(), List.of(), List.of());
        }
        JsonObject report;
        try (var reader = Json.createReader(new StringReader(run.report()))) {
            report = reader.readObject();
        }
        List<TableRows> tables = report.getJsonArray("tables").getValuesAs(JsonObject.class).stream()
                .map(t -> new TableRows(t.getString("schema") + "." + t.getString("table"),
                        t.getJsonNumber("expected").longValue(), t.getJsonNumber("actual").longValue()))
                .toList();
        List<String> warnings = report.containsKey("warnings")
                && report.get("warnings").getValueType() == JsonValue.ValueType.ARRAY
                ? report.getJsonArray("warnings").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString).toList()
                : List.of();
        return new RestoreOutcome(true, run.message(), report.getString("database", run.restoreDatabase()), tables,
                warnings);
    }
}
