package io.lifeboat.backups.control;

import io.lifeboat.backups.entity.Manifest;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reads and writes {@code manifest.json}: pretty-printed JSON, instants in ISO-8601. */
public final class Manifests {

    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withFormatting(true));

    private Manifests() {
    }

    /** Writes the manifest; the stream stays open. */
    public static void write(Manifest manifest, OutputStream out) throws IOException {
        try {
            JSON.toJson(manifest, new FilterOutputStream(out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
        } catch (JsonbException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** Reads a manifest; the stream stays open. */
    public static Manifest read(InputStream in) throws IOException {
        try {
            return JSON.fromJson(new java.io.FilterInputStream(in) {
                @Override
                public void close() {
                    // the caller owns the stream
                }
            }, Manifest.class);
        } catch (JsonbException e) {
            throw new IOException("This is not a readable Lifeboat manifest (" + e.getMessage()
                    + "): check that the file is a manifest.json and is complete", e);
        }
    }
}
