package io.lifeboat.destinations.boundary;

/**
 * A destination as a client sends it: {@code kind} LOCAL with an absolute folder as {@code location}, or S3 with an
 * {@code s3://} URI naming secret aliases for its keys.
 */
public record DestinationRequest(String name, String kind, String location) {
}
