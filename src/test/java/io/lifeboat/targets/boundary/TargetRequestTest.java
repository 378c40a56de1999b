package io.lifeboat.targets.boundary;

import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What clients send for a target's destinations: the list, or the single destination of older clients. */
class TargetRequestTest {

    @Test
    void destinationsAndTheirOwnRetentionAreRead() throws Exception {
        try (var jsonb = JsonbBuilder.create()) {
            var request = jsonb.fromJson("""
                    {"name": "crm", "host": "db", "database": "crm", "user": "crm", "password": "x",
                     "destinations": ["local", "offsite"],
                     "destinationRetention": {"offsite": {"keepLast": 30, "keepDays": 0, "keepDaily": 0,
                                                          "keepWeekly": 0, "keepMonthly": 12}}}""",
                    TargetRequest.class);
            assertEquals(List.of("local", "offsite"), request.destinationNames());
            assertEquals(30, request.destinationRetention().get("offsite").keepLast());
            assertEquals(12, request.destinationRetention().get("offsite").keepMonthly());
        }
    }

    @Test
    void theSingleDestinationOfOlderClientsIsStillAccepted() throws Exception {
        try (var jsonb = JsonbBuilder.create()) {
            var request = jsonb.fromJson("""
                    {"name": "crm", "destination": "offsite"}""", TargetRequest.class);
            assertEquals(List.of("offsite"), request.destinationNames());
            assertEquals(List.of(), jsonb.fromJson("{\"name\": \"crm\"}", TargetRequest.class).destinationNames());
        }
    }
}
