package dev.marquee.contracts.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Class data sharing for the sandboxes a test run starts: the classes a sandbox loads are archived once, by the first
 * sandbox of the run when it stops, and every later one maps them. With the JIT held to its first tier (these
 * processes live seconds to minutes), a sandbox is up in under 2 s of one core instead of 6.
 *
 * <p>The archive lies beside the jar ({@code <jar>.jsa}) and is written to a file of its own, moved into place once
 * complete, so no process maps an archive being written. One older than the jar is dropped; the JVM itself also
 * checks that the archive matches the jar, and runs without it when not.
 */
final class ClassArchive {
    private static final AtomicBoolean WRITING = new AtomicBoolean();

    private final Path archive;

    ClassArchive(Path jar) {
        this.archive = jar.resolveSibling(jar.getFileName() + ".jsa");
        try {
            if (Files.isRegularFile(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                Files.deleteIfExists(archive);
            }
        } catch (IOException e) {
            // an archive that cannot be checked is not used: the JVM refuses one that does not match
        }
    }

    /** The JVM options of one sandbox, and the file it archives its classes to at exit, if it is the one that does. */
    record Launch(List<String> options, Path writing) {
    }

    Launch launch(String name) {
        if (Files.isRegularFile(archive)) {
            return new Launch(List.of("-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + archive), null);
        }
        if (WRITING.compareAndSet(false, true)) {
            Path writing = archive.resolveSibling(archive.getFileName() + "." + name + ".tmp");
            return new Launch(List.of("-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=" + writing), writing);
        }
        return new Launch(List.of("-XX:TieredStopAtLevel=1"), null);
    }

    /** After the sandbox that archived stopped: its archive into place, if it wrote one (a killed JVM writes none). */
    void written(Path writing) {
        if (writing == null) {
            return;
        }
        try {
            if (Files.isRegularFile(writing) && Files.size(writing) > 0) {
                Files.move(writing, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(writing);
            }
        } catch (IOException e) {
            // later sandboxes start without it
        } finally {
            WRITING.set(false);
        }
    }
}
