package dev.ess.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.broker.EmbeddedBroker;
import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.ConnectorSpec;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.cli.EssMain;
import dev.ess.runtime.e2e.EnvironmentPermitConnector;
import dev.ess.runtime.e2e.PermitConnector;
import dev.ess.runtime.e2e.PermitPartner;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.TakesScreenshot;

/**
 * The OPS dashboard in a real headless Chromium: {@code ess ops} runs as its own JVM, a
 * connector JVM starts and its box turns green, it is killed with SIGKILL and its box turns red.
 * Beside it, in this JVM, one healthy connector (green) and one whose partner does not answer
 * its ping (amber). Screenshots go to {@code target/ops-dashboard-*.png}.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern DASHBOARD_LINE = Pattern.compile("ESS ops dashboard: (http://localhost:\\d+/) .*");

    @TempDir
    Path tempDir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aBoxTurnsGreenWhenAConnectorStartsAndRedAfterItIsKilled() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver");
        EmbeddedBroker broker = EmbeddedBroker.start();
        toClose.add(broker);
        PermitPartner partner = PermitPartner.publish();
        toClose.add(partner);
        String suffix = UUID.randomUUID().toString().substring(0, 6);

        String dashboardUrl = startDashboard(broker.amqpUri());
        String killed = "city2dmv-" + suffix;
        Process connector = startConnector(killed, broker.amqpUri(), partner);
        String healthy = "county-tax-" + suffix;
        startInProcess(healthy, broker.amqpUri(), partner, null);
        String failing = "state-police-" + suffix;
        startInProcess(failing, broker.amqpUri(), partner, "http://127.0.0.1:" + closedPort() + "/ping");

        WebDriver browser = startBrowser();
        browser.get(dashboardUrl);
        assertEquals("ESS operations", browser.getTitle());

        Box box = awaitBox(browser, killed, "green");
        assertTrue(box.text().contains("ALIVE"), box.text());
        assertTrue(box.text().contains("dashboard-test"), "the instance is shown: " + box.text());
        awaitBox(browser, healthy, "green");
        Box amber = awaitBox(browser, failing, "amber");
        assertTrue(amber.text().contains("PARTNER DOES NOT ANSWER ITS PING"), amber.text());
        publishPermit(broker.amqpUri());
        Await.until("all three connectors sent the permit", partner::received, received -> received.size() == 3);
        // The last send shows as "<n> s ago (<time>)" instead of "never".
        Await.until("the connector JVM reports its send", () -> box(browser, killed), view -> view.text().contains(" s ago ("));
        screenshot(browser, "ops-dashboard-green.png");

        connector.destroyForcibly();
        assertTrue(connector.waitFor(10, TimeUnit.SECONDS), "the connector JVM is gone");
        assertEquals(137, connector.exitValue(), "killed by SIGKILL: no last heartbeat");
        Box red = awaitBox(browser, killed, "red");
        assertTrue(red.text().contains("NO HEARTBEAT FOR"), red.text());
        assertEquals("green", box(browser, healthy).state(), "the others are unaffected");
        assertEquals("amber", box(browser, failing).state());
        assertEquals("1 green \u00b7 1 amber \u00b7 1 red", browser.findElement(By.id("summary")).getText());
        screenshot(browser, "ops-dashboard.png");
    }

    private static void publishPermit(String busUri) throws Exception {
        try (BusConnection bus = BusConnection.open(busUri, "dashboard-test-publisher")) {
            Channel channel = bus.openChannel();
            channel.confirmSelect();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId("evt-dashboard").deliveryMode(2).build();
            channel.basicPublish(Topology.EVENTS_EXCHANGE, "permits.changed", properties,
                    "{\"permit_id\":\"P-42\",\"street\":\"Main St\"}".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    private String startDashboard(String busUri) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                EssMain.class.getName(), "ops", "--port", "0")
                .redirectError(tempDir.resolve("dashboard.log").toFile());
        builder.environment().put("BUS_URL", busUri);
        Process process = start(builder);
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher matcher = DASHBOARD_LINE.matcher(line == null ? "" : line);
        assertTrue(matcher.matches(), "dashboard said: " + line + "\n" + Files.readString(tempDir.resolve("dashboard.log")));
        return matcher.group(1);
    }

    private Process startConnector(String id, String busUri, PermitPartner partner) throws Exception {
        Path services = tempDir.resolve("services/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.ess.runtime.SoapConnector"),
                EnvironmentPermitConnector.class.getName() + "\n");
        String classPath = tempDir.resolve("services") + File.pathSeparator + System.getProperty("java.class.path");
        ProcessBuilder builder = new ProcessBuilder(java(), "-cp", classPath, EssMain.class.getName(), "--connector", id)
                .redirectError(tempDir.resolve("connector.log").toFile())
                .redirectOutput(tempDir.resolve("connector.out").toFile());
        builder.environment().put("BUS_URL", busUri);
        builder.environment().put("TARGET_URL", partner.address());
        builder.environment().put("ESS_DB", tempDir.resolve("connector.db").toString());
        builder.environment().put("ESS_INSTANCE", "dashboard-test");
        builder.environment().put("ESS_TEST_CONNECTOR_ID", id);
        builder.environment().put("ESS_TEST_PARTNER_WSDL", partner.address() + "?wsdl");
        builder.environment().put("ESS_TEST_TOPIC", "permits.changed");
        builder.environment().put("ESS_TEST_HEARTBEAT_SEC", "1");
        return start(builder);
    }

    private void startInProcess(String id, String busUri, PermitPartner partner, String pingUrl) throws IOException {
        ConnectorSpec spec = ConnectorSpec.builder(id)
                .listenTopic("permits.changed")
                .targetUrl(partner.address())
                .fields("permit_id", "street", "truck_limit")
                .heartbeatSec(1)
                .pingUrl(pingUrl)
                .build();
        RuntimeConfig config = RuntimeConfig.builder(busUri).database(tempDir.resolve(id + ".db").toString()).build();
        ConnectorMetrics metrics = new ConnectorMetrics(id);
        ConnectorRuntime runtime = ConnectorRuntime.start(new PermitConnector(spec, partner.address() + "?wsdl"), config,
                metrics);
        toClose.add(runtime);
        toClose.add(Operations.start(runtime, config, metrics, new OpsOptions("in-process", null, Duration.ofSeconds(1))));
    }

    private WebDriver startBrowser() throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(tempDir.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(tempDir.resolve("chromium-profile")),
                "--window-size=1280,720");
        ChromeDriver driver = new ChromeDriver(service, options);
        toClose.add(driver::quit);
        return driver;
    }

    /** A box as the browser renders it, read in one script: the page redraws its boxes every second. */
    private record Box(String state, String text) {}

    private static Box awaitBox(WebDriver browser, String connector, String state) throws InterruptedException {
        return Await.until("the box of " + connector + " is " + state, () -> box(browser, connector),
                box -> state.equals(box.state()));
    }

    private static Box box(WebDriver browser, String connector) {
        Object found = ((JavascriptExecutor) browser).executeScript(
                "const box = document.querySelector(\"section.box[data-connector='\" + arguments[0] + \"']\");"
                        + " return box ? [box.dataset.state, box.innerText] : null;", connector);
        if (!(found instanceof List<?> list)) {
            return new Box("(no box)", "");
        }
        return new Box(String.valueOf(list.get(0)), String.valueOf(list.get(1)));
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Files.createDirectories(Path.of("target")).resolve(name);
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(target) > 0, target + " is empty");
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
