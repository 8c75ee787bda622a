package org.example.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ess.runtime.Event;
import dev.ess.runtime.SoapConnector;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import org.example.sync.city2dmv.City2dmvConnector;
import org.example.sync.county_fees.CountyFeesConnector;
import org.example.sync.soap.county.fees.FeePortType;
import org.example.sync.soap.county.fees.PayFee;
import org.example.sync.soap.dmv.Permit;
import org.example.sync.soap.dmv.PermitPortType;
import org.junit.jupiter.api.Test;

/** The project's own tests of the connectors ESS generated for its two partners. */
class ConnectorsTest {

    @Test
    void bothConnectorsAreRegisteredForTheRuntime() {
        List<String> ids = ServiceLoader.load(SoapConnector.class).stream()
                .map(provider -> provider.get().spec().id())
                .sorted()
                .toList();

        assertEquals(List.of("city2dmv", "county-fees"), ids);
    }

    @Test
    void aPermitChangeBecomesTheDmvRequest() {
        Permit permit = new City2dmvConnector().map(event(
                "{\"permit_id\":\"P-17\",\"street\":\"Main St 1\",\"truck_limit\":12}"));

        assertEquals("P-17", permit.getID());
        assertEquals("Main St 1", permit.getStreet());
        assertEquals(12, permit.getTruckLimit());
    }

    @Test
    void aFeeEventBecomesTheCountyRequest() {
        PayFee fee = new CountyFeesConnector().map(event("{\"parcel_id\":\"42\","
                + "\"owner\":{\"name\":\"  ada lovelace \"},\"amount\":12.345,\"paid\":true,\"due\":\"2026-03-01\"}"));

        assertEquals("42", fee.getParcelID());
        assertEquals("ADA LOVELACE", fee.getOwner().getName());
        assertNull(fee.getOwner().getEmail());
        assertEquals(new BigDecimal("12.35"), fee.getAmount());
        assertEquals("01.03.2026", fee.getDueDate());
        assertEquals("TAX", fee.getOffice());
        assertEquals(3, fee.getPriority());
        assertEquals("none", fee.getNote());
    }

    /** The stubs read their WSDL from the classpath: creating a port needs no network. */
    @Test
    void portsAreCreatedFromThePackagedWsdls() {
        PermitPortType dmv = new City2dmvConnector().createPort();
        FeePortType county = new CountyFeesConnector().createPort();

        assertNotNull(dmv);
        assertNotNull(county);
    }

    private static Event event(String json) {
        return Event.parse("event-1", "test", json.getBytes(StandardCharsets.UTF_8));
    }
}
