package dev.ess.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectorMetricsTest {

    private final ConnectorMetrics metrics = new ConnectorMetrics("city2dmv");

    @Test
    void countsEveryStepUnderPrometheusNames() {
        metrics.received("e1");
        metrics.received("e2");
        metrics.received("e3");
        metrics.duplicate("e1");
        metrics.retried("e1", 1, "HTTP 503");
        metrics.sent("e1", Duration.ofMillis(120), 2);
        metrics.sent("e2", Duration.ofMillis(3), 1);
        metrics.parked("e3", "SOAP Client fault");

        String scrape = metrics.scrape();
        assertLine(scrape, "ess_events_received_total{connector=\"city2dmv\"} 3.0");
        assertLine(scrape, "ess_events_duplicate_total{connector=\"city2dmv\"} 1.0");
        assertLine(scrape, "ess_events_sent_total{connector=\"city2dmv\"} 2.0");
        assertLine(scrape, "ess_events_failed_total{connector=\"city2dmv\"} 2.0");
        assertLine(scrape, "ess_events_parked_total{connector=\"city2dmv\"} 1.0");
        assertLine(scrape, "ess_delivery_retries_total{connector=\"city2dmv\"} 1.0");
        assertLine(scrape, "ess_delivery_latency_seconds_count{connector=\"city2dmv\"} 2");
        assertLine(scrape, "ess_delivery_latency_seconds_sum{connector=\"city2dmv\"} 0.123");
        assertLine(scrape, "ess_delivery_latency_seconds_bucket{connector=\"city2dmv\",le=\"0.005\"} 1");
        assertLine(scrape, "ess_delivery_latency_seconds_bucket{connector=\"city2dmv\",le=\"0.25\"} 2");
        assertTrue(scrape.contains("# TYPE ess_delivery_latency_seconds histogram"), scrape);
    }

    private static void assertLine(String scrape, String line) {
        assertTrue(scrape.lines().anyMatch(line::equals), "no line '" + line + "' in\n" + scrape);
    }
}
