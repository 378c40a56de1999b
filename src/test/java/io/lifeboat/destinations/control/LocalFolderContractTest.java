package io.lifeboat.destinations.control;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalFolderContractTest extends DestinationContract {

    @TempDir
    Path root;

    @Override
    Destination destination() {
        return new LocalFolder(root);
    }

    @Override
    void writeBehindTheBack(String key, byte[] content) throws IOException {
        Files.createDirectories(root.resolve(key).getParent());
        Files.write(root.resolve(key), content);
    }

    @Override
    void assertNoUnfinishedUploads() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(java.util.List.of(), files.filter(f -> f.toString().endsWith(LocalFolder.PARTIAL)).toList());
        }
    }
}
