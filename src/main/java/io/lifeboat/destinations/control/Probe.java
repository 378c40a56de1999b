package io.lifeboat.destinations.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * "Test destination": writes a small probe object, reads it back, finds it in a listing and deletes it,
 * then says which step failed and why, or that all worked. It leaves nothing behind when it can.
 */
public final class Probe {

    /** Where the probe objects go; nothing else uses this prefix. */
    public static final String PREFIX = "lifeboat-probe/";

    public enum Step { WRITE, READ, LIST, DELETE }

    /** The outcome: {@code failedStep} is empty when {@code ok}. */
    public record Result(boolean ok, Optional<Step> failedStep, String message) {
    }

    private Probe() {
    }

    public static Result run(Destination destination) {
        String key = PREFIX + UUID.randomUUID() + ".txt";
        byte[] content = ("Lifeboat probe written at " + Instant.now() + " by a destination test; safe to delete.\n")
                .getBytes(StandardCharsets.UTF_8);
        Step step = Step.WRITE;
        boolean written = false;
        long started = System.nanoTime();
        try {
            try (Upload upload = destination.create(key)) {
                upload.stream().write(content);
                upload.commit();
            }
            written = true;
            step = Step.READ;
            try (InputStream in = destination.open(key)) {
                if (!Arrays.equals(content, in.readAllBytes())) {
                    throw new IOException("the bytes read back differ from the bytes written");
                }
            }
            step = Step.LIST;
            if (!destination.list(PREFIX).contains(key)) {
                throw new IOException("the listing of " + PREFIX + " does not show the object just written");
            }
            step = Step.DELETE;
            destination.delete(key);
            if (destination.exists(key)) {
                throw new IOException("the object is still there after it was deleted");
            }
            written = false;
            long millis = (System.nanoTime() - started) / 1_000_000;
            return new Result(true, Optional.empty(), "Wrote, read back, listed and deleted a probe object in "
                    + destination.describe() + " in " + millis + " ms.");
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            String reason = e instanceof UncheckedIOException unchecked ? unchecked.getCause().getMessage() : e.getMessage();
            return new Result(false, Optional.of(step), "The " + step.name().toLowerCase(Locale.ROOT)
                    + " step failed on " + destination.describe() + ": " + reason
                    + (written ? leftover(destination, key) : ""));
        }
    }

    private static String leftover(Destination destination, String key) {
        try {
            destination.delete(key);
            return "";
        } catch (IOException | RuntimeException e) {
            return " The probe object " + key + " may be left behind: delete it by hand.";
        }
    }
}
