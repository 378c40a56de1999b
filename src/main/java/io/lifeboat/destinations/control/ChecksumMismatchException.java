package io.lifeboat.destinations.control;

import java.io.IOException;

/** An object read back from a destination is not the one that was stored: its SHA-256 differs. */
public class ChecksumMismatchException extends IOException {

    public ChecksumMismatchException(String destination, String key, String expected, String actual) {
        super("The object " + key + " in " + destination + " is damaged: its SHA-256 is " + actual
                + " but " + expected + " was recorded when it was stored. Do not use it: restore from a copy in "
                + "another destination or from another backup, and check the storage behind " + destination + ".");
    }
}
