package io.lifeboat.destinations.control;


import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An upload into a {@link OneDrive}: the stream goes to a spool file; the commit sends it in an upload session
 * ({@link ChunkSender}), chunk by chunk from the file.
 */
final class OneDriveUpload implements Upload {

    private static final Logger LOG = Logger.getLogger(OneDriveUpload.class.getName());

    private final OneDrive drive;
    private final String key;
    private final Path spoolFile;
    private final Path sessionFile;
    private final FileChannel channel;
    private final OutputStream stream = new SpoolStream();
    private URI uploadUrl;
    private boolean finished;

    OneDriveUpload(OneDrive drive, String key, Path spoolFile) throws IOException {
        this.drive = drive;
        this.key = key;
        this.spoolFile = spoolFile;
        this.sessionFile = spoolFile.resolveSibling(spoolFile.getFileName().toString()
                .replaceAll(java.util.regex.Pattern.quote(OneDrive.SPOOL) + "$", OneDrive.SESSION));
        createPrivateFolder(drive.spool());
        Files.createDirectories(spoolFile.getParent());
        try {
            this.channel = FileChannel.open(spoolFile, EnumSet.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.READ), ownerOnly("rw-------"));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new java.nio.file.FileAlreadyExistsException(spoolFile.toString(), null, "another upload of " + key
                    + " is running, or a stopped run left it: remove what stopped runs left (removePartials)");
        }
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public synchronized void commit() throws IOException {
        if (finished) {
            throw new IllegalStateException("The upload of " + key + " is already committed or aborted");
        }
        try {
            long size = channel.size();
            if (size == 0) {
                drive.sessions().putEmpty(key);
            } else {
                uploadUrl = drive.sessions().start(key);
                Files.writeString(sessionFile, uploadUrl.toString()); // removePartials cancels it if we die
                new ChunkSender(drive, key, uploadUrl, channel).send(size);
            }
            finished = true;
            uploadUrl = null;
            clean();
        } finally {
            if (!finished) {
                abort();
            }
        }
    }

    @Override
    public synchronized void abort() {
        if (finished) {
            return;
        }
        finished = true;
        boolean cancelled = true;
        if (uploadUrl != null) {
            try {
                drive.sessions().cancel(uploadUrl);
            } catch (IOException e) {
                cancelled = false;
                LOG.log(Level.WARNING, () -> "Could not cancel the upload session of " + key + " in "
                        + drive.describe() + ": " + e.getMessage() + " The unfinished upload stays invisible; "
                        + "removePartials cancels it later, or it expires.");
            }
        }
        if (cancelled) {
            clean();
        } else {
            closeAndDelete(spoolFile); // keep the session file, so removePartials can cancel the session
        }
    }

    private void clean() {
        closeAndDelete(spoolFile);
        try {
            Files.deleteIfExists(sessionFile);
        } catch (IOException ignored) {
            // removePartials sweeps it later
        }
    }

    private void closeAndDelete(Path file) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is removed next
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // removePartials sweeps it later
        }
    }

    /** The spool holds backups, perhaps unencrypted, and pre-authenticated upload URLs: for the owner only. */
    private static void createPrivateFolder(Path folder) throws IOException {
        Files.createDirectories(folder.getParent());
        try {
            Files.createDirectory(folder, ownerOnly("rwx------"));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // made by an earlier upload
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    /** Writes to the spool file; close() only flushes, the upload owns the file. */
    private final class SpoolStream extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            synchronized (OneDriveUpload.this) {
                if (finished) {
                    throw new IOException("The upload of " + key + " to " + drive.describe()
                            + " is already committed or aborted: start a new upload");
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                try {
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                } catch (IOException e) {
                    if (String.valueOf(e.getMessage()).contains("No space left")) {
                        throw new DestinationFullException("the spool folder " + drive.spool() + " of "
                                + drive.describe(), key, e);
                    }
                    throw e;
                }
            }
        }

        @Override
        public void close() {
            // the upload closes the file on commit or abort
        }
    }
}
