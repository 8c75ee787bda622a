package dev.ess.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Eclipse m2e reads this file from the plugin jar to know it may run ess:generate in the IDE. */
class LifecycleMappingMetadataTest {

    @Test
    void generateRunsOnIncrementalAndConfigurationBuilds() throws Exception {
        Document metadata;
        try (InputStream in = GenerateMojo.class.getResourceAsStream("/META-INF/m2e/lifecycle-mapping-metadata.xml")) {
            assertNotNull(in, "META-INF/m2e/lifecycle-mapping-metadata.xml is missing");
            metadata = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        XPath xpath = XPathFactory.newInstance().newXPath();
        String execution = "/lifecycleMappingMetadata/pluginExecutions/pluginExecution";

        assertEquals("generate", xpath.evaluate(execution + "/pluginExecutionFilter/goals/goal", metadata));
        assertEquals("true", xpath.evaluate(execution + "/action/execute/runOnIncremental", metadata));
        assertEquals("true", xpath.evaluate(execution + "/action/execute/runOnConfiguration", metadata));
    }
}
