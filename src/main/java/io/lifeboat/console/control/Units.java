package io.lifeboat.console.control;

import java.time.Duration;
import java.util.Locale;

/** Sizes, rates and durations as a person reads them: "1.2 GB", "35.0 MB/s", "2 h 5 min". */
public final class Units {

    private static final String[] SIZES = {"B", "KB", "MB", "GB", "TB", "PB"};

    private Units() {
    }

    public static String bytes(long bytes, Locale locale) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < SIZES.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(locale, "%.1f %s", value, SIZES[unit]);
    }

    public static String rate(double bytesPerSecond, Locale locale) {
        return bytes(Math.round(bytesPerSecond), locale) + "/s";
    }

    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        if (seconds < 86_400 * 2) {
            return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
        }
        return (seconds / 86_400) + " d " + (seconds % 86_400 / 3600) + " h";
    }
}
