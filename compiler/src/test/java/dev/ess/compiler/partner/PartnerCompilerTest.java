package dev.ess.compiler.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.ess.compiler.TestFiles;
import dev.ess.compiler.diagnostic.Diagnostic;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ESS makes of a WSDL: ports, operations and request trees with the stubs' own Java names. */
class PartnerCompilerTest {

    private static final Path DMV = TestFiles.resource("city2dmv/dmv.wsdl");
    private static final Position REFERENCE = new Position(Path.of("m.yml"), 7, 7);

    @TempDir
    Path folder;

    private final Diagnostics diagnostics = new Diagnostics(null);

    @Test
    void theDmvService() {
        PartnerService service = compile(DMV, DMV.getParent()).orElseThrow();

        assertEquals(List.of(), diagnostics.all());
        PartnerPort port = service.defaultPort().orElseThrow();
        assertEquals("PermitPort", port.name());
        assertEquals("PermitService", port.serviceName());
        assertFalse(port.soap12());
        assertEquals(ClassName.get("p.dmv", "PermitService"), port.serviceClass());
        assertEquals("getPermitPort", port.getter());
        assertEquals(ClassName.get("p.dmv", "PermitPortType"), port.portType());
        PartnerOperation operation = port.operation("submitPermit").orElseThrow();
        assertEquals("submitPermit", operation.method());
        assertEquals(ClassName.get("p.dmv", "PermitAck"), operation.response());
        assertEquals(List.of(ClassName.get("p.dmv", "PermitRejectedFault")), operation.faults());
        assertEquals(List.of("Permit"), operation.inputs().stream().map(RequestPart::name).toList());
        assertEquals("p/dmv/dmv.wsdl", service.wsdlResource());
        assertTrue(service.stubs().containsKey("p/dmv/PermitService.java"));
    }

    @Test
    void thePermitTree() {
        ObjectNode permit = (ObjectNode) request(DMV, "submitPermit").root();

        assertEquals(ClassName.get("p.dmv", "Permit"), permit.javaClass());
        assertEquals(List.of("ID", "Street", "TruckLimit"), permit.children().stream().map(TargetNode::name).toList());
        ValueNode id = (ValueNode) permit.child("ID").orElseThrow();
        assertEquals(new Slot("getID", "setID", ClassName.get(String.class), null), id.slot());
        assertEquals(Occurs.ONCE, id.occurs());
        assertEquals(16, id.position().line());
        ValueNode street = (ValueNode) permit.child("Street").orElseThrow();
        assertEquals(40, street.value().facets().maxLength());
        assertEquals("xs:string (maxLength 40)", street.value().describe());
        ValueNode truckLimit = (ValueNode) permit.child("TruckLimit").orElseThrow();
        assertEquals(Occurs.OPTIONAL, truckLimit.occurs());
        assertEquals(ClassName.get(Integer.class), truckLimit.value().javaType());
        assertEquals(Facets.NONE, truckLimit.value().facets());
    }

    @Test
    void namedTypesNestingRestrictionsOccurrencesAndReferences() {
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
                        <xs:attribute name="region" type="xs:string" use="required"/>
                      </xs:complexType>
                    </xs:element>
                    <xs:element name="Note" type="xs:string" maxOccurs="unbounded"/>
                    <xs:element ref="tns:Issued"/>
                    <xs:element ref="tns:Clerk" minOccurs="0"/>
                    <xs:element name="Alias" type="xs:string" minOccurs="0" nillable="true"/>
                  </xs:sequence>
                </xs:complexType>
                <xs:element name="Issued" type="xs:dateTime"/>
                <xs:element name="Clerk"><xs:complexType><xs:sequence>
                  <xs:element name="Name" type="xs:string"/>
                </xs:sequence></xs:complexType></xs:element>
                <xs:element name="Fee" type="tns:FeeType"/>
                <xs:element name="FeeAck"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
                """));

        ObjectNode fee = (ObjectNode) request(wsdl, "payFee").root();

        assertEquals(ClassName.get("p.dmv", "FeeType"), fee.javaClass());
        ValueNode amount = (ValueNode) fee.child("Amount").orElseThrow();
        assertEquals("Money", amount.value().typeName());
        assertEquals("decimal", amount.value().xsdType());
        assertEquals(new BigDecimal("9999.99"), amount.value().facets().maxInclusive());
        ObjectNode office = (ObjectNode) fee.child("Office").orElseThrow();
        assertEquals(ClassName.get("p.dmv", "FeeType", "Office"), office.javaClass());
        assertEquals(3, ((ValueNode) office.child("Code").orElseThrow()).value().facets().maxLength());
        assertFalse(office.child("Open").orElseThrow().occurs().isRequired());
        ValueNode region = (ValueNode) office.child("@region").orElseThrow();
        assertEquals(Occurs.ONCE, region.occurs());
        assertEquals("setRegion", region.slot().setter());
        TargetNode note = fee.child("Note").orElseThrow();
        assertEquals(new Occurs(1, Occurs.UNBOUNDED), note.occurs());
        assertTrue(note.slot().isList());
        assertEquals("getNote", note.slot().getter());
        assertEquals("dateTime", ((ValueNode) fee.child("Issued").orElseThrow()).value().xsdType());
        ObjectNode clerk = (ObjectNode) fee.child("Clerk").orElseThrow();
        assertEquals(ClassName.get("p.dmv", "Clerk"), clerk.javaClass());
        ValueNode alias = (ValueNode) fee.child("Alias").orElseThrow();
        assertEquals(ParameterizedTypeName.get(ClassName.get("jakarta.xml.bind", "JAXBElement"), ClassName.get(String.class)),
                alias.slot().type());
        assertEquals(new Slot.Wrapping(ClassName.get("p.dmv", "ObjectFactory"), "createFeeTypeAlias"),
                alias.slot().wrapping());
        assertTrue(alias.nillable());
    }

    @Test
    void twoNamespacesDeclaringOneNameGetAPackageEach() {
        Path wsdl = TestFiles.write(folder, "crm.wsdl", """
                <definitions targetNamespace="urn:crm" xmlns="http://schemas.xmlsoap.org/wsdl/"
                    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:crm"
                    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:a="urn:crm:a" xmlns:b="urn:crm:b">
                  <types>
                    <xs:schema targetNamespace="urn:crm:a" elementFormDefault="qualified">
                      <xs:element name="Customer_Name" type="xs:string"/>
                    </xs:schema>
                    <xs:schema targetNamespace="urn:crm:b" elementFormDefault="qualified">
                      <xs:element name="Customer_Name" type="xs:int"/>
                    </xs:schema>
                    <xs:schema targetNamespace="urn:crm" elementFormDefault="qualified">
                      <xs:import namespace="urn:crm:a"/><xs:import namespace="urn:crm:b"/>
                      <xs:element name="Update"><xs:complexType><xs:sequence>
                        <xs:element ref="a:Customer_Name"/><xs:element ref="b:Customer_Name" minOccurs="0"/>
                      </xs:sequence></xs:complexType></xs:element>
                    </xs:schema>
                  </types>
                  <message name="In"><part name="parameters" element="tns:Update"/></message>
                  <portType name="Crm"><operation name="update"><input message="tns:In"/></operation></portType>
                  <binding name="CrmSoap" type="tns:Crm">
                    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                    <operation name="update"><soap:operation soapAction=""/><input><soap:body use="literal"/></input></operation>
                  </binding>
                  <service name="CrmService"><port name="CrmSoap" binding="tns:CrmSoap">
                    <soap:address location="http://crm.example/soap"/></port></service>
                </definitions>
                """);

        PartnerService service = compile(wsdl, folder).orElseThrow();

        assertEquals(List.of(), diagnostics.all());
        assertTrue(service.stubs().containsKey("p/dmv/ObjectFactory.java"), service.stubs().keySet().toString());
        assertTrue(service.stubs().containsKey("p/dmv/a/ObjectFactory.java"), service.stubs().keySet().toString());
        assertTrue(service.stubs().containsKey("p/dmv/b/ObjectFactory.java"), service.stubs().keySet().toString());
        PartnerOperation update = service.defaultPort().orElseThrow().operation("update").orElseThrow();
        assertNull(update.response());
    }

    @Test
    void importsIncludesAndAByteOrderMarkAcrossFiles() throws Exception {
        Path wsdl = folder.resolve("partner.wsdl");
        Files.write(wsdl, ("\uFEFF" + """
                <?xml version="1.0" encoding="utf-8"?>
                <definitions targetNamespace="urn:p" xmlns="http://schemas.xmlsoap.org/wsdl/"
                    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:p">
                  <import namespace="urn:p" location="abstract/partner-abstract.wsdl"/>
                  <binding name="PSoap" type="tns:P">
                    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http/"/>
                    <operation name="send"><soap:operation soapAction=""/><input><soap:body use="literal"/></input></operation>
                  </binding>
                  <service name="PService"><port name="PSoap" binding="tns:PSoap">
                    <soap:address location="http://p.example/soap"/></port></service>
                </definitions>
                """).getBytes(StandardCharsets.UTF_8));
        TestFiles.write(folder, "abstract/partner-abstract.wsdl", """
                <definitions targetNamespace="urn:p" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:p"
                    xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <types><xs:schema targetNamespace="urn:p" elementFormDefault="qualified">
                    <xs:import namespace="urn:t" schemaLocation="../xsd/types.xsd"/>
                    <xs:element name="Send" xmlns:t="urn:t" type="t:Message"/>
                  </xs:schema></types>
                  <message name="In"><part name="parameters" element="tns:Send"/></message>
                  <portType name="P"><operation name="send"><input message="tns:In"/></operation></portType>
                </definitions>
                """);
        TestFiles.write(folder, "xsd/types.xsd", """
                <xs:schema targetNamespace="urn:t" xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
                  <xs:include schemaLocation="message.xsd"/>
                </xs:schema>
                """);
        TestFiles.write(folder, "xsd/message.xsd", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t">
                  <xs:complexType name="Message"><xs:sequence><xs:element name="Text" type="xs:string"/></xs:sequence></xs:complexType>
                </xs:schema>
                """);

        Optional<PartnerService> compiled = compile(wsdl, folder);

        assertEquals(List.of(), headlines());
        PartnerService service = compiled.orElseThrow();
        assertEquals(List.of(folder.resolve("abstract/partner-abstract.wsdl"), wsdl, folder.resolve("xsd/message.xsd"),
                folder.resolve("xsd/types.xsd")), List.copyOf(service.files()));
        assertEquals(List.of("p/dmv/abstract/partner-abstract.wsdl", "p/dmv/partner.wsdl", "p/dmv/xsd/message.xsd",
                "p/dmv/xsd/types.xsd"), List.copyOf(service.resources().keySet()));
        ObjectNode send = (ObjectNode) service.defaultPort().orElseThrow().operation("send").orElseThrow().inputs().get(0).root();
        assertEquals(List.of("Text"), send.children().stream().map(TargetNode::name).toList());
    }

    /** JAX-WS's check of requests against the schema cannot read a schema that declares a prefix its WSDL already does. */
    @Test
    void aSchemaRepeatingItsWsdlsDeclarationsIsPackagedWithout() {
        String text = TestFiles.read(DMV).replace("<xs:schema targetNamespace",
                "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:tns='urn:gov:state:dmv:permits'"
                        + " xmlns:own=\"urn:own\" targetNamespace");
        Path wsdl = TestFiles.write(folder, "dmv.wsdl", text);

        PartnerService service = compile(wsdl, folder).orElseThrow();

        assertEquals(List.of(), diagnostics.all());
        String packaged = new String(service.resources().get("p/dmv/dmv.wsdl"), StandardCharsets.UTF_8);
        assertEquals(text.replace(" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:tns='urn:gov:state:dmv:permits'", ""),
                packaged);
    }

    @Test
    void aRemoteImportIsLocatedAndNeverFetched() {
        // A host that would never answer: were it fetched, the test would hang rather than fail.
        Path wsdl = TestFiles.write(folder, "remote.wsdl", """
                <definitions targetNamespace="urn:r" xmlns="http://schemas.xmlsoap.org/wsdl/"
                    xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <types><xs:schema targetNamespace="urn:r">
                    <xs:import namespace="urn:x" schemaLocation="http://10.255.255.1/Service.svc?xsd=xsd0"/>
                  </xs:schema></types>
                  <import namespace="urn:y" location="/etc/partner.wsdl"/>
                  <import namespace="urn:z" location="../outside.wsdl"/>
                </definitions>
                """);

        assertTrue(compile(wsdl, folder).isEmpty());

        String name = wsdl.toString();
        assertEquals(List.of(
                name + ":4:5: error: [ESS044] xs:import of 'http://10.255.255.1/Service.svc?xsd=xsd0': ESS reads no"
                        + " document from the network or an absolute path at build time\n"
                        + "  hint: save that document as a file beside remote.wsdl and write its relative path here,"
                        + " for example schemaLocation=\"xsd0.xsd\"",
                name + ":6:3: error: [ESS044] wsdl:import of '/etc/partner.wsdl': ESS reads no document from the"
                        + " network or an absolute path at build time\n"
                        + "  hint: save that document as a file beside remote.wsdl and write its relative path here,"
                        + " for example location=\"partner.wsdl\"",
                name + ":7:3: error: [ESS045] wsdl:import of '../outside.wsdl' lies outside " + folder + "\n"
                        + "  hint: copy it into " + folder + " and name it by a path inside that folder"),
                headlines());
    }

    @Test
    void wsdl20AndRpcEncodedSayWhatTheyAreAndWhatToAskFor() {
        Path wsdl20 = TestFiles.write(folder, "hotel.wsdl", """
                <description xmlns="http://www.w3.org/ns/wsdl" targetNamespace="urn:h"/>
                """);
        Path encoded = TestFiles.write(folder, "stock.wsdl", """
                <definitions targetNamespace="urn:s" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:s"
                    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
                  <message name="In"><part name="symbol" type="xsd:string"/></message>
                  <message name="Out"><part name="price" type="xsd:float"/></message>
                  <portType name="Stock"><operation name="quote"><input message="tns:In"/><output message="tns:Out"/></operation></portType>
                  <binding name="StockSoap" type="tns:Stock">
                    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
                    <operation name="quote"><soap:operation soapAction=""/>
                      <input><soap:body use="encoded" namespace="urn:s" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></input>
                      <output><soap:body use="encoded" namespace="urn:s" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></output>
                    </operation>
                  </binding>
                  <service name="StockService"><port name="StockSoap" binding="tns:StockSoap">
                    <soap:address location="http://s.example/soap"/></port></service>
                </definitions>
                """);

        assertTrue(compile(wsdl20, folder).isEmpty());
        assertTrue(compile(encoded, folder).isEmpty());

        List<String> reported = headlines();
        assertEquals(wsdl20 + ":1:1: error: [ESS046] this is a WSDL 2.0 document; JAX-WS, and so ESS, reads WSDL 1.1 only\n"
                + "  hint: ask the partner for a WSDL 1.1 description of the service; most services that publish"
                + " WSDL 2.0 can also describe themselves in WSDL 1.1", reported.get(0));
        assertEquals(encoded + ":9:14: error: [ESS047] the binding is rpc/encoded (SOAP encoding), which JAX-WS,"
                + " and so ESS, cannot call\n  hint: ask the partner for a document/literal (or rpc/literal) binding of"
                + " the service: SOAP encoding was dropped by WS-I Basic Profile and JAX-WS", reported.get(1));
        assertEquals(2, reported.size(), reported.toString());
    }

    @Test
    void theFirstSoap11PortIsTheDefaultEvenAfterASoap12One() {
        Path wsdl = TestFiles.write(folder, "both.wsdl", """
                <definitions targetNamespace="urn:b" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:b"
                    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
                    xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <types><xs:schema targetNamespace="urn:b"><xs:element name="Ping" type="xs:string"/></xs:schema></types>
                  <message name="In"><part name="p" element="tns:Ping"/></message>
                  <portType name="B"><operation name="ping"><input message="tns:In"/></operation></portType>
                  <binding name="B12" type="tns:B"><soap12:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                    <operation name="ping"><soap12:operation soapAction=""/><input><soap12:body use="literal"/></input></operation></binding>
                  <binding name="B11" type="tns:B"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                    <operation name="ping"><soap:operation soapAction=""/><input><soap:body use="literal"/></input></operation></binding>
                  <service name="BService">
                    <port name="BSoap12" binding="tns:B12"><soap12:address location="http://b.example/soap"/></port>
                    <port name="BSoap" binding="tns:B11"><soap:address location="http://b.example/soap"/></port>
                  </service>
                </definitions>
                """);

        PartnerService service = compile(wsdl, folder).orElseThrow();

        assertEquals(List.of(), diagnostics.all());
        assertEquals(List.of("BSoap12 (SOAP 1.2)", "BSoap (SOAP 1.1)"), service.ports().stream().map(PartnerPort::describe).toList());
        assertEquals("BSoap", service.defaultPort().orElseThrow().name());
        RequestPart ping = service.port("BSoap12").orElseThrow().operation("ping").orElseThrow().inputs().get(0);
        assertEquals(TypeName.get(String.class), ping.javaType());
        assertEquals("string", ((ValueNode) ping.root()).value().xsdType());
    }

    @Test
    void aDoctypeIsRefusedAndNeverExpanded() {
        Path wsdl = TestFiles.write(folder, "evil.wsdl", """
                <?xml version="1.0"?>
                <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <definitions xmlns="http://schemas.xmlsoap.org/wsdl/">&xxe;</definitions>
                """);

        assertTrue(compile(wsdl, folder).isEmpty());
        assertEquals(1, diagnostics.all().size());
        assertTrue(diagnostics.all().get(0).headline().endsWith("error: [ESS040] malformed WSDL: a DOCTYPE is not allowed"),
                diagnostics.all().get(0).headline());
    }

    @Test
    void aTruncatedWsdlIsLocated() {
        String text = TestFiles.read(DMV);
        Path wsdl = TestFiles.write(folder, "cut.wsdl", text.substring(0, text.indexOf("<message")));

        assertTrue(compile(wsdl, folder).isEmpty());
        assertEquals(1, diagnostics.all().size());
        assertTrue(diagnostics.all().get(0).headline().contains("cut.wsdl:49:3: error: [ESS040] malformed WSDL: "),
                diagnostics.all().get(0).headline());
    }

    @Test
    void aMissingWsdlIsReportedWhereTheManifestNamesIt() {
        assertTrue(compile(folder.resolve("absent.wsdl"), folder).isEmpty());

        assertEquals(List.of("m.yml:7:7: error: [ESS001] file not found: absent.wsdl\n"
                + "  hint: the path is relative to the manifest's folder"), headlines());
    }

    private Optional<PartnerService> compile(Path wsdl, Path documents) {
        return new PartnerCompiler(diagnostics).compile(wsdl, documents, REFERENCE, "p.dmv");
    }

    private RequestPart request(Path wsdl, String operation) {
        PartnerService service = compile(wsdl, wsdl.getParent()).orElseThrow();
        assertEquals(List.of(), diagnostics.all());
        return service.defaultPort().orElseThrow().operation(operation).orElseThrow().inputs().get(0);
    }

    private List<String> headlines() {
        return diagnostics.all().stream()
                .map(d -> d.headline() + (d.hint() == null ? "" : "\n  hint: " + d.hint()))
                .toList();
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
