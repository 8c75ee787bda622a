package dev.ess.runtime.chaos;

import dev.ess.runtime.cli.EssMain;
import dev.ess.runtime.e2e.EnvironmentPermitConnector;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The connector instances of one chaos run, each a JVM of its own running {@link EssMain} as
 * users do, which the suite kills with SIGKILL and starts again.
 */
final class Instances implements AutoCloseable {

    private final Path folder;
    private final Map<String, String> environment;
    private final List<Process> processes = new ArrayList<>();
    private int started;

    /**
     * @param environment what every instance gets: BUS_URL, TARGET_URL, ESS_DB, the test connector's
     *     settings, and ESS_CONNECTOR, the id of the connector to run
     */
    Instances(Path folder, Map<String, String> environment, int count) throws IOException {
        this.folder = folder;
        this.environment = environment;
        Path services = folder.resolve("services/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.ess.runtime.SoapConnector"),
                EnvironmentPermitConnector.class.getName() + "\n");
        for (int i = 0; i < count; i++) {
            processes.add(start(i));
        }
    }

    /** Kills instance {@code i} with SIGKILL and starts it again. */
    void killAndRestart(int i) throws IOException, InterruptedException {
        Process process = processes.get(i);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        processes.set(i, start(i));
    }

    /** Whether any instance still runs: once none does, nothing more will arrive. */
    boolean anyAlive() {
        return processes.stream().anyMatch(Process::isAlive);
    }

    int count() {
        return processes.size();
    }

    /** Stops every instance with SIGTERM, as an orchestrator would, and waits for them. */
    @Override
    public void close() throws InterruptedException {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Process start(int i) throws IOException {
        String classPath = folder.resolve("services") + File.pathSeparator + System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", classPath, EssMain.class.getName(),
                "--connector", environment.get("ESS_CONNECTOR"))
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("instance-" + i + "-run-" + started++ + ".log").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("ESS_INSTANCE", "chaos-" + i);
        return builder.start();
    }
}
