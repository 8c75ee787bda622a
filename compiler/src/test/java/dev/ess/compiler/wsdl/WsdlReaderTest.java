package dev.ess.compiler.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ess.compiler.TestFiles;
import dev.ess.compiler.diagnostic.Diagnostic;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WsdlReaderTest {

    private static final Path DMV = TestFiles.resource("city2dmv/dmv.wsdl");

    @TempDir
    Path folder;

    private final Diagnostics diagnostics = new Diagnostics(null);

    @Test
    void theDmvService() {
        SoapTarget target = read(DMV, "submitPermit").orElseThrow();

        assertEquals(List.of(), diagnostics.all());
        assertEquals("urn:gov:state:dmv:permits", target.targetNamespace());
        assertEquals("PermitService", target.serviceName());
        assertEquals("PermitPort", target.portName());
        assertEquals("PermitPortType", target.portTypeName());
        assertEquals(List.of("submitPermit"), target.operationNames());
        WsdlOperation operation = target.operation();
        assertEquals("PermitAck", operation.output().orElseThrow().name());
        assertEquals(List.of("rejected"), operation.faults().stream().map(WsdlFault::name).toList());
        assertEquals("PermitRejectedFault", operation.faults().get(0).messageName());
        assertEquals("PermitRejected", operation.faults().get(0).element().name());
    }

    @Test
    void thePermitTypeTree() {
        XmlElement permit = read(DMV, "submitPermit").orElseThrow().operation().input();

        assertEquals("Permit", permit.name());
        assertEquals("urn:gov:state:dmv:permits", permit.namespace());
        ComplexType type = (ComplexType) permit.type();
        assertNull(type.name());
        assertEquals(List.of("ID", "Street", "TruckLimit"), type.elements().stream().map(XmlElement::name).toList());

        XmlElement id = type.element("ID").orElseThrow();
        assertEquals(new SimpleType(null, BuiltinType.STRING, "string", Facets.NONE), id.type());
        assertTrue(id.isRequired());
        assertEquals(16, id.position().line());
        assertEquals(13, id.position().column());

        XmlElement street = type.element("Street").orElseThrow();
        assertEquals(new Facets(null, 40, null, null, null, null, List.of()), ((SimpleType) street.type()).facets());
        assertEquals("xs:string (maxLength 40)", street.type().describe());
        assertTrue(street.isRequired());

        XmlElement truckLimit = type.element("TruckLimit").orElseThrow();
        assertEquals(BuiltinType.INT, ((SimpleType) truckLimit.type()).builtin());
        assertEquals(0, truckLimit.minOccurs());
        assertFalse(truckLimit.isRequired());
        assertFalse(truckLimit.isRepeated());
    }

    @Test
    void namedTypesNestingRestrictionsAndOccurrences() {
        Path wsdl = TestFiles.write(folder, "fees.wsdl", wsdl("""
                <xs:simpleType name="Money">
                  <xs:restriction base="xs:decimal">
                    <xs:minInclusive value="0"/>
                    <xs:maxInclusive value="9999.99"/>
                  </xs:restriction>
                </xs:simpleType>
                <xs:simpleType name="Code">
                  <xs:restriction base="xs:string"><xs:length value="3"/></xs:restriction>
                </xs:simpleType>
                <xs:complexType name="FeeType">
                  <xs:sequence>
                    <xs:element name="Amount" type="tns:Money"/>
                    <xs:element name="Office">
                      <xs:complexType>
                        <xs:sequence>
                          <xs:element name="Code" type="tns:Code"/>
                          <xs:element name="Open" type="xs:boolean" minOccurs="0"/>
                        </xs:sequence>
                      </xs:complexType>
                    </xs:element>
                    <xs:element name="Note" type="xs:string" maxOccurs="unbounded"/>
                    <xs:element ref="tns:Issued"/>
                  </xs:sequence>
                </xs:complexType>
                <xs:element name="Issued" type="xs:dateTime"/>
                <xs:element name="Fee" type="tns:FeeType"/>
                <xs:element name="FeeAck"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
                """));

        XmlElement fee = read(wsdl, "payFee").orElseThrow().operation().input();

        assertEquals(List.of(), diagnostics.all());
        ComplexType type = (ComplexType) fee.type();
        assertEquals("FeeType", type.name());
        SimpleType amount = (SimpleType) type.element("Amount").orElseThrow().type();
        assertEquals(new SimpleType("Money", BuiltinType.DECIMAL, "decimal",
                new Facets(null, null, BigDecimal.ZERO, new BigDecimal("9999.99"), null, null, List.of())), amount);
        ComplexType office = (ComplexType) type.element("Office").orElseThrow().type();
        assertEquals(new Facets(3, 3, null, null, null, null, List.of()), ((SimpleType) office.element("Code").orElseThrow().type()).facets());
        assertFalse(office.element("Open").orElseThrow().isRequired());
        assertEquals(-1, type.element("Note").orElseThrow().maxOccurs());
        assertEquals(BuiltinType.DATE_TIME, ((SimpleType) type.element("Issued").orElseThrow().type()).builtin());
    }

    @Test
    void anUnknownOperationGetsDidYouMean() {
        read(DMV, "submitPermits");

        assertEquals(List.of("m.yml:8:12: error: [ESS041] operation 'submitPermits' not found in dmv.wsdl\n"
                + "  hint: did you mean 'submitPermit'?"), rendered());
    }

    @Test
    void aDoctypeIsRefusedAndNeverExpanded() {
        Path wsdl = TestFiles.write(folder, "evil.wsdl", """
                <?xml version="1.0"?>
                <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <definitions xmlns="http://schemas.xmlsoap.org/wsdl/">&xxe;</definitions>
                """);

        assertTrue(read(wsdl, "x").isEmpty());
        assertEquals(1, diagnostics.all().size());
        assertTrue(diagnostics.all().get(0).headline().endsWith("error: [ESS040] malformed WSDL: a DOCTYPE is not allowed"),
                diagnostics.all().get(0).headline());
    }

    @Test
    void aTruncatedWsdlIsLocated() {
        String text = TestFiles.read(DMV);
        Path wsdl = TestFiles.write(folder, "cut.wsdl", text.substring(0, text.indexOf("<message")));

        assertTrue(read(wsdl, "submitPermit").isEmpty());
        assertEquals(1, diagnostics.all().size());
        assertTrue(diagnostics.all().get(0).headline().contains("cut.wsdl:49:3: error: [ESS040] malformed WSDL: "),
                diagnostics.all().get(0).headline());
    }

    @Test
    void aMissingWsdlIsReportedWhereTheManifestNamesIt() {
        read(folder.resolve("absent.wsdl"), "submitPermit");

        assertEquals(List.of("m.yml:7:7: error: [ESS001] file not found: absent.wsdl\n"
                + "  hint: the path is relative to the manifest's folder"), rendered());
    }

    private Optional<SoapTarget> read(Path wsdl, String operation) {
        Path manifest = Path.of("m.yml");
        return new WsdlReader(diagnostics).read(wsdl, new Position(manifest, 7, 7), operation, new Position(manifest, 8, 12));
    }

    private List<String> rendered() {
        return diagnostics.all().stream().map(Diagnostic::render).toList();
    }

    private static String wsdl(String schema) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions name="FeeService" targetNamespace="urn:fees"
                             xmlns="http://schemas.xmlsoap.org/wsdl/"
                             xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
                             xmlns:tns="urn:fees"
                             xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <types>
                    <xs:schema targetNamespace="urn:fees" elementFormDefault="qualified">
                %s
                    </xs:schema>
                  </types>
                  <message name="PayFeeRequest"><part name="fee" element="tns:Fee"/></message>
                  <message name="PayFeeResponse"><part name="ack" element="tns:FeeAck"/></message>
                  <portType name="FeePortType">
                    <operation name="payFee">
                      <input message="tns:PayFeeRequest"/>
                      <output message="tns:PayFeeResponse"/>
                    </operation>
                  </portType>
                  <binding name="FeeBinding" type="tns:FeePortType">
                    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                    <operation name="payFee">
                      <soap:operation soapAction="payFee"/>
                      <input><soap:body use="literal"/></input>
                      <output><soap:body use="literal"/></output>
                    </operation>
                  </binding>
                  <service name="FeeService">
                    <port name="FeePort" binding="tns:FeeBinding">
                      <soap:address location="http://fees.example/soap"/>
                    </port>
                  </service>
                </definitions>
                """.formatted(schema);
    }
}
