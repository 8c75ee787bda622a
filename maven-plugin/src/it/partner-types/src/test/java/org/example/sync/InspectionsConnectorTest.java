package org.example.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.runtime.Event;
import dev.ess.runtime.MalformedEventException;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.datatype.DatatypeConstants;
import org.example.sync.city2inspections.City2inspectionsConnector;
import org.example.sync.soap.inspections.PermitStatus;
import org.example.sync.soap.inspections.ScheduleInspection;
import org.example.sync.soap.inspections.Urgency;
import org.junit.jupiter.api.Test;

/** The generated mapping, run against the stubs wsimport generated: XML dates, JAXB enums and JAXBElements. */
class InspectionsConnectorTest {

    private static final String REQUIRED = "\"permit_id\":\"P-17\",\"status\":\" closed \",\"issued\":\"2024-05-31\","
            + "\"requested_at\":\"2024-05-31T14:30+02:00\",\"site\":{\"street\":\"Main St 1\"}";

    private final City2inspectionsConnector connector = new City2inspectionsConnector();

    @Test
    void anEventBecomesTheRequestInTheStubsTypes() {
        ScheduleInspection request = connector.map(event("{" + REQUIRED.replace("Main St 1\"}",
                "Main St 1\",\"access\":\"side door\"}") + ",\"urgency\":\"same-day\",\"expires\":\"2024-12-31T23:00:00Z\","
                + "\"inspector\":\"Ada\",\"deadline\":\"2024-06-01T09:00:00.5\",\"revised\":\"2024-05-30\"}"));

        assertEquals("P-17", request.getPermitID());
        assertEquals(PermitStatus.CLOSED, request.getStatus());
        assertEquals("2024-05-31", request.getIssued().toXMLFormat());
        assertEquals(DatatypeConstants.DATE, request.getIssued().getXMLSchemaType());
        assertEquals("2024-05-31T14:30:00+02:00", request.getRequestedAt().toXMLFormat());
        assertEquals(DatatypeConstants.DATETIME, request.getRequestedAt().getXMLSchemaType());
        assertEquals("side door", request.getSite().getAccess().getValue());
        assertEquals(Urgency.SAME_DAY, request.getUrgency());
        assertEquals("2024-12-31", request.getExpires().toXMLFormat());
        assertEquals("Ada", request.getInspector().getValue());
        assertEquals("2024-06-01T09:00:00.5", request.getDeadline().getValue().toXMLFormat());
        assertEquals("CITY-042", request.getAgency());
        assertEquals(PermitStatus.OPEN, request.getSourceStatus());
        assertEquals("2024-01-01", request.getSince().toXMLFormat());
        assertEquals("2024-05-30", request.getRevised().toXMLFormat());
    }

    /** An absent optional nillable element is left out of the request, not sent as nil. */
    @Test
    void absentOptionalFieldsAreLeftOut() throws JAXBException {
        ScheduleInspection request = connector.map(event("{" + REQUIRED + ",\"inspector\":null}"));

        assertNull(request.getSite().getAccess());
        assertNull(request.getUrgency());
        assertNull(request.getExpires());
        assertNull(request.getInspector());
        assertNull(request.getDeadline());
        assertEquals("2024-01-01", request.getRevised().toXMLFormat());
        String xml = marshal(request);
        assertFalse(xml.contains("Inspector"), xml);
        assertFalse(xml.contains("nil"), xml);
        assertTrue(xml.contains("Issued>2024-05-31</"), xml);
    }

    @Test
    void aMalformedDateFailsTheMapping() {
        assertMappingFails("{" + REQUIRED.replace("\"2024-05-31\"", "\"31.05.2024\"") + "}",
                "field 'issued' must be an ISO-8601 date or date-time, found '31.05.2024'");
    }

    @Test
    void aMalformedDateTimeFailsTheMapping() {
        assertMappingFails("{" + REQUIRED + ",\"deadline\":\"2024-06-31T09:00:00Z\"}",
                "field 'deadline' must be an ISO-8601 date-time, found '2024-06-31T09:00:00Z'");
    }

    @Test
    void aValueOutsideTheEnumerationFailsTheMapping() {
        assertMappingFails("{" + REQUIRED + ",\"urgency\":\"asap\"}",
                "field 'urgency' must be one of routine, urgent, same-day, found 'asap'");
    }

    /** Functions run before the check: " closed " became CLOSED above, " pending " is still wrong. */
    @Test
    void theEnumerationIsCheckedAfterTheFunctions() {
        assertMappingFails("{" + REQUIRED.replace(" closed ", " pending ") + "}",
                "field 'status' must be one of OPEN, CLOSED, found 'PENDING'");
    }

    /** The failure the runtime parks an event for at once, with its message as the reason. */
    private void assertMappingFails(String json, String reason) {
        MalformedEventException failure = assertThrows(MalformedEventException.class, () -> connector.map(event(json)));
        assertEquals(reason, failure.getMessage());
    }

    private static String marshal(ScheduleInspection request) throws JAXBException {
        StringWriter xml = new StringWriter();
        JAXBContext.newInstance(ScheduleInspection.class).createMarshaller().marshal(request, xml);
        return xml.toString();
    }

    private static Event event(String json) {
        return Event.parse("event-1", "permits.inspection", json.getBytes(StandardCharsets.UTF_8));
    }
}
