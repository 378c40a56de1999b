package io.lifeboat.destinations.control;

import java.io.IOException;

/** The destination ran out of space while an object was written; the partial object was removed. */
public class DestinationFullException extends IOException {

    public DestinationFullException(String destination, String key, IOException cause) {
        super("The destination " + destination + " is full: no space left while writing " + key
                + ". Free space there or choose a destination with more room.", cause);
    }
}
