package dev.ess.samples.city2dmv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The connector's executable jar, running as a process of its own, its output echoed with a prefix. */
final class ConnectorProcess implements AutoCloseable {

    private final Process process;
    private final Thread echo;
    private final List<String> lines = new ArrayList<>();

    private ConnectorProcess(Process process, PrintStream out, String prefix) {
        this.process = process;
        this.echo = new Thread(() -> echo(out, prefix), "connector-output");
        echo.setDaemon(true);
        echo.start();
    }

    static ConnectorProcess start(Path jar, Map<String, String> env, PrintStream out, String prefix) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new ConnectorProcess(builder.start(), out, prefix);
    }

    /** Waits until the connector printed a line containing the text. */
    boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (lines.stream().noneMatch(line -> line.contains(text))) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !echo.isAlive()) {
                    return lines.stream().anyMatch(line -> line.contains(text));
                }
                lines.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
            }
            return true;
        }
    }

    /** Asks the connector to stop (SIGTERM) and waits for it; returns its exit code. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
        echo.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Kills the connector the hard way (SIGKILL), as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        echo.join(5_000);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(10));
        }
    }

    private void echo(PrintStream out, String prefix) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (out != null) {
                    out.println(prefix + line);
                }
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended; its output is complete
        }
        synchronized (lines) {
            lines.notifyAll();
        }
    }
}
