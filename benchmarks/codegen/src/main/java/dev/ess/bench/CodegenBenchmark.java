package dev.ess.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates a project of {@value #CONNECTORS} manifests over {@value #PARTNERS} WSDLs and times, each
 * as the median of several runs:
 *
 * <ul>
 *   <li>{@code mvn validate}: Maven's own start-up on the project, which every build pays;
 *   <li>cold {@code ess:generate}: no earlier output;
 *   <li>no-op {@code ess:generate}: nothing changed since the last run;
 *   <li>{@code ess:generate} after one mapping changed: one connector rewritten, no wsimport;
 *   <li>plain wsimport on the same WSDLs, in one fresh JVM, as ESS runs it.
 * </ul>
 *
 * <p>Besides the wall clock of each Maven run it reports the times the goal logs itself, the
 * whole goal and wsimport's part of it, so ESS's own share is measured within one run: on a
 * busy machine, differences between separate runs are mostly noise.
 *
 * <p>Arguments: project folder, runs, the private local repository, its settings file, ESS's version.
 */
public final class CodegenBenchmark {

    static final int CONNECTORS = 100;
    static final int PARTNERS = 10;

    /** What ess:generate logs: its own time and wsimport's part of it, or its time when up to date. */
    private static final Pattern GENERATED = Pattern.compile("\\((\\d+\\.\\d+) s, wsimport (\\d+\\.\\d+) s\\)");
    private static final Pattern UP_TO_DATE = Pattern.compile("nothing written \\(.*, (\\d+\\.\\d+) s\\)");

    private final Path project;
    private final int runs;
    private final List<String> maven;

    private CodegenBenchmark(Path project, int runs, Path repository, Path settings) {
        this.project = project;
        this.runs = runs;
        this.maven = List.of("mvn", "-B", "-o", "-s", settings.toString(), "-Dmaven.repo.local=" + repository,
                "-f", project.resolve("pom.xml").toString());
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]).toAbsolutePath();
        CodegenBenchmark benchmark = new CodegenBenchmark(project, Integer.parseInt(args[1]),
                Path.of(args[2]).toAbsolutePath(), Path.of(args[3]).toAbsolutePath());
        benchmark.writeProject(args[4]);
        benchmark.run();
    }

    private void run() throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "Project: %d manifests over %d WSDLs in %s; median of %d runs%n",
                CONNECTORS, PARTNERS, project, runs);
        mavenOnline("generate-sources");

        List<Long> validate = new ArrayList<>();
        List<Long> cold = new ArrayList<>();
        List<Long> coldInMojo = new ArrayList<>();
        List<Long> coldWsimport = new ArrayList<>();
        List<Long> coldOwn = new ArrayList<>();
        List<Long> noOp = new ArrayList<>();
        List<Long> noOpInMojo = new ArrayList<>();
        List<Long> oneMapping = new ArrayList<>();
        List<Long> oneMappingInMojo = new ArrayList<>();
        List<Long> wsimport = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            validate.add(maven("validate", null).wallMillis());
            deleteRecursively(project.resolve("target"));
            Run coldRun = maven("generate-sources", "wsimport run on " + PARTNERS + " WSDL(s)");
            cold.add(coldRun.wallMillis());
            coldInMojo.add(coldRun.mojoMillis());
            coldWsimport.add(coldRun.wsimportMillis());
            coldOwn.add(coldRun.mojoMillis() - coldRun.wsimportMillis());
            Run noOpRun = maven("generate-sources", "ESS: up to date, nothing written");
            noOp.add(noOpRun.wallMillis());
            noOpInMojo.add(noOpRun.mojoMillis());
            Files.writeString(mapping(1), template("connector.essmap").replace("@CONNECTOR@", connector(1))
                    .replace("owner.email | lower", run % 2 == 1 ? "owner.email | upper" : "owner.email | lower"));
            Run oneMappingRun = maven("generate-sources", "1 written, wsimport run on 0 WSDL(s)");
            oneMapping.add(oneMappingRun.wallMillis());
            oneMappingInMojo.add(oneMappingRun.mojoMillis());
            wsimport.add(wsimportAlone());
        }

        System.out.println();
        System.out.println("Whole Maven runs (wall clock, JVM and Maven start-up included):");
        System.out.println();
        header();
        row("mvn validate (Maven start-up alone)", validate);
        row("ess:generate, cold", cold);
        row("ess:generate, no-op", noOp);
        row("ess:generate, one mapping changed", oneMapping);
        System.out.println();
        System.out.println("Inside ess:generate, as it logs, and plain wsimport for comparison:");
        System.out.println();
        header();
        row("cold: the whole goal", coldInMojo);
        row("cold: of which wsimport", coldWsimport);
        row("cold: of which ESS itself", coldOwn);
        row("no-op: the whole goal", noOpInMojo);
        row("one mapping changed: the whole goal", oneMappingInMojo);
        row("plain wsimport, " + PARTNERS + " WSDLs, fresh JVM", wsimport);
    }

    /** One Maven run: its wall-clock time, and the times ess:generate logged. */
    private record Run(long wallMillis, long mojoMillis, long wsimportMillis) {}

    /** Runs Maven on the project, checks its log says what the run must have done, returns its times. */
    private Run maven(String phase, String expected) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(maven);
        command.add(phase);
        long start = System.nanoTime();
        String log = execute(command);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (expected != null && !log.contains(expected)) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' did not log '" + expected + "':\n" + log);
        }
        Matcher generated = GENERATED.matcher(log);
        if (generated.find()) {
            return new Run(elapsed, millis(generated.group(1)), millis(generated.group(2)));
        }
        Matcher upToDate = UP_TO_DATE.matcher(log);
        return upToDate.find() ? new Run(elapsed, millis(upToDate.group(1)), 0) : new Run(elapsed, 0, 0);
    }

    private static long millis(String seconds) {
        return Math.round(Double.parseDouble(seconds) * 1000);
    }

    /** The first run may need to fetch the plugins into the private repository. */
    private void mavenOnline(String phase) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(maven);
        command.remove("-o");
        command.add(phase);
        execute(command);
    }

    /** wsimport on every WSDL in a fresh JVM; the time it reports excludes the JVM's start. */
    private long wsimportAlone() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-classpath", System.getProperty("java.class.path"),
                WsimportAlone.class.getName(), project.resolve("target/wsimport-alone").toString()));
        for (int partner = 1; partner <= PARTNERS; partner++) {
            command.add(project.resolve("src/main/ess/" + partner(partner) + ".wsdl").toString());
        }
        String output = execute(command).strip();
        return Long.parseLong(output.substring(output.lastIndexOf('\n') + 1).strip());
    }

    private static String execute(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed:\n" + output);
        }
        return output;
    }

    private void writeProject(String essVersion) throws IOException {
        deleteRecursively(project);
        Path input = Files.createDirectories(project.resolve("src/main/ess"));
        Files.writeString(project.resolve("pom.xml"), template("project.pom").replace("@VERSION@", essVersion));
        for (int partner = 1; partner <= PARTNERS; partner++) {
            Files.writeString(input.resolve(partner(partner) + ".wsdl"), template("partner.wsdl")
                    .replace("@PARTNER@", partner(partner))
                    .replace("@SERVICE@", "Partner" + partner + "Service"));
        }
        for (int connector = 1; connector <= CONNECTORS; connector++) {
            String id = connector(connector);
            Files.writeString(input.resolve(id + ".yml"), template("connector.yml")
                    .replace("@CONNECTOR@", id)
                    .replace("@PARTNER@", partner(1 + (connector - 1) % PARTNERS)));
            Files.writeString(mapping(connector), template("connector.essmap").replace("@CONNECTOR@", id));
        }
    }

    private Path mapping(int connector) {
        return project.resolve("src/main/ess/" + connector(connector) + ".essmap");
    }

    private static String partner(int number) {
        return String.format(Locale.ROOT, "partner%02d", number);
    }

    private static String connector(int number) {
        return String.format(Locale.ROOT, "conn%03d", number);
    }

    private static String template(String name) throws IOException {
        try (InputStream in = CodegenBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("template " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void header() {
        System.out.println("| what                                    | median ms | runs ms |");
        System.out.println("|-----------------------------------------|----------:|---------|");
    }

    private static void row(String what, List<Long> times) {
        System.out.printf(Locale.ROOT, "| %-39s | %9d | %s |%n", what, median(times), times);
    }

    private static long median(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
