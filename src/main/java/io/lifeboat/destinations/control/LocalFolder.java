package io.lifeboat.destinations.control;

import io.lifeboat.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder on a local or mounted disk. An upload writes {@code <key>.partial}, fsyncs it and
 * renames it to {@code <key>} on commit, so a reader never sees half an object.
 */
public final class LocalFolder implements Destination {

    static final String PARTIAL = ".partial";

    private final Path root;

    public LocalFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public Upload create(String key) throws IOException {
        Path target = resolve(key);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "a backup object already exists there and is never overwritten: use a new backup id");
        }
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(target.getParent());
            try {
                FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new LocalFolderUpload(this, key, target, partial, channel);
            } catch (NoSuchFileException e) {
                if (attempt == 2) {
                    throw e; // the folder was removed twice under our feet by a clean-up
                }
            } catch (FileAlreadyExistsException e) {
                throw new FileAlreadyExistsException(partial.toString(), null,
                        "another upload of " + key + " is running, or a stopped run left it: "
                                + "remove the .partial files of stopped runs (removePartials)");
            }
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        for (Path file : filesUnder(prefix)) {
            String key = keyOf(file);
            if (!key.endsWith(PARTIAL) && key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) throws IOException {
        Path file = resolve(key);
        Files.deleteIfExists(file);
        removeEmptyFolders(file.getParent());
    }

    /** Computed by reading the file: a folder keeps no checksums of its own. */
    @Override
    public String sha256(String key) throws IOException {
        try (InputStream in = open(key)) {
            return Sha256.of(in);
        }
    }

    /** Removes the leftover {@code .partial} files under {@code prefix} (of runs whose process died); returns how many. */
    @Override
    public int removePartials(String prefix) throws IOException {
        int removed = 0;
        for (Path file : filesUnder(prefix)) {
            String key = keyOf(file);
            if (key.endsWith(PARTIAL) && key.startsWith(prefix) && Files.deleteIfExists(file)) {
                removed++;
                removeEmptyFolders(file.getParent());
            }
        }
        return removed;
    }

    @Override
    public String describe() {
        return "local folder " + root;
    }

    @Override
    public String toString() {
        return describe();
    }

    private List<Path> filesUnder(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(start)) {
            return paths.filter(Files::isRegularFile).toList();
        } catch (NoSuchFileException e) {
            return List.of(); // removed while we walked
        }
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    Path resolve(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("\\") || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Invalid object key '" + key
                    + "': use a relative path with '/' between the parts, like target/2025/01/id/manifest.json");
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("Invalid object key '" + key
                        + "': empty, '.' and '..' parts are not allowed, keys stay inside " + root);
            }
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Invalid object key '" + key + "': it leaves " + root);
        }
        return path;
    }

    /** Removes empty folders from {@code folder} up to, not including, the root. */
    void removeEmptyFolders(Path folder) {
        for (Path current = folder; current != null && current.startsWith(root) && !current.equals(root);
                current = current.getParent()) {
            try {
                Files.deleteIfExists(current);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (IOException e) {
                return; // an empty folder left behind is harmless
            }
        }
    }

    /** Makes a rename in {@code folder} durable. */
    static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
