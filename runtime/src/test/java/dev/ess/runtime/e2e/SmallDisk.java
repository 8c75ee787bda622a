package dev.ess.runtime.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system (tmpfs) that a test can fill to the last byte, so that a store on it
 * fails the way it would on a full disk. Mounting needs root (or CAP_SYS_ADMIN); where that is
 * not allowed, {@link #mount} gives nothing and the test is skipped.
 */
final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 4m}) on a new folder; empty when this machine does not let us. */
    static Optional<SmallDisk> mount(Path mountPoint, String size) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        if (!run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString())) {
            return Optional.empty();
        }
        return Optional.of(new SmallDisk(mountPoint));
    }

    Path path() {
        return mountPoint;
    }

    /** Takes every byte left, as a log or another program would: in large blocks, then in small ones. */
    void fill() throws IOException {
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int size : new int[] {64 * 1024, 1}) {
                writeUntilFull(out, new byte[size]);
            }
        }
    }

    private static void writeUntilFull(OutputStream out, byte[] block) throws IOException {
        try {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Gives the bytes back. */
    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Lazily: a store of the test may still hold a file open.
        run("umount", "-l", mountPoint.toString());
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false; // no mount command at all
        }
    }
}
