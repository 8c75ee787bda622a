package dev.ess.runtime.chaos;

import dev.ess.runtime.e2e.PermitPartner;
import dev.ess.runtime.e2e.PermitPartner.Outage;
import dev.ess.runtime.testing.PrivateRabbitMq;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The chaos suite (README, "Chaos suite"): a stream of events at a steady rate over many keys,
 * through connector JVMs on a RabbitMQ node of its own, to a real JAX-WS partner, while one fault
 * at a time strikes: three SIGKILLs, a partner outage of each kind, a broker restart; 1% of the
 * events are malformed throughout. Each fault runs at parallelism 1, at parallelism 8, and with
 * three instances sharing six partitions on PostgreSQL. Prints one row per run, writes them to
 * {@code target/chaos-report.md}, and exits 1 when any run lost, reordered or left stale a key,
 * or parked anything but the malformed events.
 *
 * <p>Sizes come from system properties: {@code ess.chaos.events} (20,000), {@code ess.chaos.rate}
 * events/s (1,000), {@code ess.chaos.keys} (500), {@code ess.chaos.outage} seconds (20),
 * {@code ess.chaos.longOutage} seconds (180), {@code ess.chaos.faults} (a comma list of
 * {@code kill}, {@code refused}, {@code reset}, {@code timeout}, {@code 503}, {@code 500}, {@code 404},
 * {@code 401}, {@code broker}; or {@code all}). The three-instance runs need {@code ESS_IT_PG_URL}.
 */
public final class ChaosSuite {

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("ess.chaos.events", 20_000);
        int rate = Integer.getInteger("ess.chaos.rate", 1_000);
        int keys = Integer.getInteger("ess.chaos.keys", 500);
        Duration outage = Duration.ofSeconds(Integer.getInteger("ess.chaos.outage", 20));
        Duration longOutage = Duration.ofSeconds(Integer.getInteger("ess.chaos.longOutage", 180));
        List<String> chosen = Arrays.asList(System.getProperty("ess.chaos.faults", "all").split(","));
        if (!PrivateRabbitMq.installed()) {
            System.out.println("chaos suite skipped: rabbitmq-server is not installed (apt-get install rabbitmq-server)");
            return;
        }
        List<ChaosRun.Fault> faults = new ArrayList<>();
        faults.add(new ChaosRun.Fault("kill", "kill -9 x3", null, Duration.ZERO, true, false));
        faults.add(new ChaosRun.Fault("refused", "partner refuses, " + longOutage.toSeconds() + " s", Outage.REFUSED, longOutage,
                false, false));
        faults.add(new ChaosRun.Fault("reset", "partner resets, " + outage.toSeconds() + " s", Outage.RESET, outage, false, false));
        faults.add(new ChaosRun.Fault("timeout", "partner times out, 60 s", Outage.TIMEOUT, Duration.ofSeconds(60), false, false));
        faults.add(new ChaosRun.Fault("503", "HTTP 503, " + outage.toSeconds() + " s", Outage.UNAVAILABLE, outage, false, false));
        faults.add(new ChaosRun.Fault("500", "HTTP 500 Server fault, " + outage.toSeconds() + " s", Outage.SERVER_FAULT, outage,
                false, false));
        faults.add(new ChaosRun.Fault("404", "HTTP 404, " + outage.toSeconds() + " s", Outage.NOT_FOUND, outage, false, false));
        faults.add(new ChaosRun.Fault("401", "HTTP 401, " + outage.toSeconds() + " s", Outage.UNAUTHORIZED, outage, false, false));
        faults.add(new ChaosRun.Fault("broker", "broker restart", null, Duration.ZERO, false, true));
        faults.removeIf(fault -> !chosen.contains("all") && !chosen.contains(fault.code()));

        String postgres = System.getenv("ESS_IT_PG_URL");
        List<ChaosRun.Setup> setups = new ArrayList<>(List.of(
                new ChaosRun.Setup("parallelism 1", 1, 1, 1, false),
                new ChaosRun.Setup("parallelism 8", 1, 8, 1, false)));
        if (postgres != null && !postgres.isBlank()) {
            setups.add(new ChaosRun.Setup("3 instances, 6 partitions x 2 lanes", 3, 2, 6, true));
        } else {
            System.out.println("three-instance runs skipped: ESS_IT_PG_URL is not set");
        }

        Path folder = Files.createDirectories(Path.of("target", "chaos"));
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%d events at %d/s over %d keys, 1%% malformed; drain: from the end of the fault"
                + " (or of publishing) until the partner has every event%n", events, rate, keys));
        rows.add("| setup | fault | published | malformed | received | lost | duplicates | keys reordered"
                + " | keys stale | parked | drain (s) | |");
        rows.add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        rows.forEach(System.out::println);
        boolean allPassed = true;
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try (PrivateRabbitMq broker = PrivateRabbitMq.start(folder.resolve("rabbitmq"));
                PermitPartner partner = PermitPartner.publish()) {
            partner.hangOnTimeout(35_000); // beyond the connector's 30 s request timeout
            ChaosRun chaos = new ChaosRun(broker, partner, postgres, folder, events, rate, keys);
            for (ChaosRun.Setup setup : setups) {
                for (ChaosRun.Fault fault : faults) {
                    ChaosRun.Result result = chaos.run(setup, fault);
                    allPassed &= result.passed();
                    String row = String.format("| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %.1f | %s |",
                            setup.name(), fault.name(), result.published(), result.malformed(), result.received(),
                            result.lost(), result.duplicates(), result.reordered(), result.stale(), result.parked(),
                            result.drainMillis() / 1000.0, result.passed() ? "ok" : "FAILED");
                    System.out.println(row);
                    rows.add(row);
                    Files.write(folder.resolve("chaos-report.md"), rows);
                }
            }
        }
        System.out.println(allPassed ? "chaos suite: every run passed" : "chaos suite: FAILED");
        System.exit(allPassed ? 0 : 1);
    }

    private ChaosSuite() {}
}
