package io.lifeboat.backups.control;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** The compressing stage of the pipeline, chosen by the backup format. */
final class Compressors {

    static final int GZIP_LEVEL = 6;
    private static final int GZIP_BUFFER = 1 << 16;

    private Compressors() {
    }

    static OutputStream wrap(DumpRequest request, OutputStream out) throws IOException {
        return switch (request.format()) {
            case CUSTOM_ZSTD -> new ZstdOutputStreamNoFinalizer(out, request.zstdLevel())
                    .setWorkers(request.zstdWorkers())
                    .setChecksum(true);
            case PLAIN_GZIP -> new GZIPOutputStream(out, GZIP_BUFFER) {
                {
                    def.setLevel(GZIP_LEVEL);
                }
            };
        };
    }
}
