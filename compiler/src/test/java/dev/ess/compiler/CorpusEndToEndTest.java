package dev.ess.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.ess.compiler.diagnostic.Diagnostic;
import dev.ess.compiler.diagnostic.Diagnostics;
import dev.ess.compiler.diagnostic.Position;
import dev.ess.compiler.emit.Names;
import dev.ess.compiler.manifest.Manifest;
import dev.ess.compiler.manifest.ManifestLoader;
import dev.ess.compiler.partner.CompiledWsdls;
import dev.ess.compiler.partner.PartnerCompiler;
import dev.ess.compiler.partner.PartnerOperation;
import dev.ess.compiler.partner.PartnerPort;
import dev.ess.compiler.partner.PartnerService;
import dev.ess.compiler.partner.RecordingPartner;
import dev.ess.compiler.partner.WsdlSchema;
import dev.ess.runtime.ConnectorRuntime;
import dev.ess.runtime.RuntimeConfig;
import dev.ess.runtime.RuntimeStartException;
import dev.ess.runtime.SoapConnector;
import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.bus.Topology;
import dev.ess.runtime.store.JournalEntry;
import dev.ess.runtime.store.JournalStatus;
import dev.ess.runtime.testing.BusUnderTest;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Real partners' WSDLs end to end: ESS generates the connector, javac compiles it, the runtime
 * runs it on the embedded broker, events are published to {@code hms.events}, and a JAX-WS
 * endpoint of the same WSDL checks every request against the partner's schema and holds the
 * mapped values.
 */
class CorpusEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String QNAME = "xs:QName ";
    private static final String RPC_REFUSED = "PARKED after 1 attempts: the partner's schema refuses the request:"
            + " cvc-elt.1.a: Cannot find the declaration of element 'ns3:%s'.";

    /**
     * What ESS gets wrong on a case today, exactly as {@link #problems} lists it: asserted until it is fixed.
     *
     * <p>Metro's schema validation, which the runtime asks for, cannot read a WSDL whose {@code xs:schema}
     * declares again a prefix its {@code wsdl:definitions} already declares with the same namespace:
     * the connector does not start. And it looks for a declaration of an rpc/literal request's wrapper
     * element, which no schema has: every rpc/literal request is refused and its event parked.
     */
    private static final Map<String, List<String>> KNOWN_FAILURES = Map.of(
            "corpus/axis1-marshall2-rpclit", List.of(cannotStart("axis1-marshall2-rpclit", "xs")),
            "corpus/cxf-customer-service", List.of(cannotStart("cxf-customer-service", "tns")),
            "corpus/cxf-soap-header", List.of(cannotStart("cxf-soap-header", "wsdl")),
            "corpus/cxf-soap12", List.of(cannotStart("cxf-soap12", "x1")),
            "corpus/metro-rpclit-header", List.of(cannotStart("metro-rpclit-header", "types")),
            "corpus/ode-pmapi-rpclit", List.of(
                    "event 1: " + RPC_REFUSED.formatted("setProcessProperty"),
                    "event 2: " + RPC_REFUSED.formatted("setProcessProperty"),
                    "0 requests received, 2 expected"));

    @TempDir
    Path work;

    @AfterAll
    static void stopTheBroker() {
        BusUnderTest.stopEmbedded();
    }

    /**
     * A case: the folder its manifest is in, the events published in order, and what the partner
     * must have received, as paths below the request's root element ({@code books[1]/author},
     * {@code @status}) with the text expected there, for each request.
     */
    record Case(String folder, List<String> events, List<Map<String, String>> expected) {
        @Override
        public String toString() {
            return folder;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(new Case("inspections",
                        List.of("""
                                {"permit_id":"P-1","status":"CLOSED","issued":"2024-05-31","requested_at":"2024-05-31T09:30:00+02:00",
                                 "site":{"street":"Main St","access":"gate 2"},"urgency":"same-day","inspector":"Lin",
                                 "deadline":"2024-06-01T12:00:00Z"}"""),
                        List.of(expect(
                                "PermitID", "P-1", "Status", "CLOSED", "Issued", "2024-05-31",
                                "RequestedAt", "2024-05-31T09:30:00+02:00", "Site/Street", "Main St", "Site/Access", "gate 2",
                                "Urgency", "same-day", "Inspector", "Lin", "Agency", "CITY-042", "SourceStatus", "OPEN")))),
                arguments(new Case("orders",
                        List.of("""
                                {"order_id":"O-1","customer":{"name":"Parks Dept","tier":"gold"},
                                 "lines":[{"sku":"pen-12","qty":40,"price":1.5,"number":1,"notes":["blue","fine"]},
                                          {"sku":"INK-3","qty":2,"price":"9.999","number":2}],
                                 "pickup_point":"Depot 4","tags":["Urgent","Q3"],"placed":"2024-05-31T09:30:00Z","weight":12.5}"""),
                        List.of(expect(
                                "OrderID", "O-1", "@channel", "mobile", "Customer/Name", "Parks Dept", "Customer/@tier", "gold",
                                "Line[0]/@number", "1", "Line[0]/SKU", "PEN-12", "Line[0]/Quantity", "40",
                                "Line[0]/Price", "1.50", "Line[0]/Price/@currency", "EUR", "Line[0]/Note[1]", "fine",
                                "Line[1]/SKU", "INK-3", "Line[1]/Price", "10.00", "Line[1]/Note", null,
                                "Pickup", "Depot 4", "Tag[0]", "urgent", "Tag[1]", "q3", "Placed", "2024-05-31T09:30:00Z",
                                "Weight", "12.5", "Header/Audit/User", "system")))),
                arguments(new Case("corpus/asmx-choice",
                        List.of("""
                                {"resource_id":"R-1","names":["  alpha ","beta"],"counts":[1,2,3],
                                 "observed_at":["2024-05-31T09:30:00+02:00","2024-06-01T00:00:00Z"]}""", """
                                {"resource_id":"R-2","names":["gamma"]}"""),
                        List.of(expect(
                                "elem/SetResourceProperties/a[0]", "alpha", "elem/SetResourceProperties/a[1]", "beta",
                                "elem/SetResourceProperties/b[0]", "1", "elem/SetResourceProperties/b[2]", "3",
                                "elem/SetResourceProperties/c[0]", "2024-05-31T09:30:00+02:00",
                                "elem/SetResourceProperties/c[1]", "2024-06-01T00:00:00Z"),
                                expect("elem/SetResourceProperties/a[0]", "gamma", "elem/SetResourceProperties/b", null,
                                        "elem/SetResourceProperties/c", null)))),
                arguments(new Case("corpus/asmx-reporting-services",
                        List.of("""
                                {"subscription_id":"S-7","report_path":"/Sales/Monthly","description":"  Monthly sales by region ",
                                 "batch_id":"B-42",
                                 "parameters":[{"name":"Region","value":"North","label":"North region"},
                                               {"name":"Year","value":"2024","label":"Year 2024"}],
                                 "field_references":[{"parameter":"TO","alias":"EmailAddress"},{"parameter":"CC","alias":"Manager"}],
                                 "source":{"extension":"OLEDB","connect_string":"Server=db1;Database=Sales","credentials":"Integrated",
                                           "windows_credentials":true,"user_name":"report"},
                                 "query":{"fields":[{"alias":"EmailAddress","name":"email"},{"alias":"Manager","name":"manager"}],
                                          "text":"SELECT email, manager FROM recipients","timeout_sec":60}}""", """
                                {"subscription_id":"S-8","report_path":"/Sales/Daily","batch_id":"B-43",
                                 "source":{"connect_string":"Server=db2","windows_credentials":false},
                                 "query":{"fields":[{"alias":"EmailAddress","name":"email"}],"text":"SELECT email FROM staff"}}"""),
                        List.of(expect(
                                "Report", "/Sales/Monthly", "Description", "Monthly sales by region", "EventType", "TimedSubscription",
                                "MatchData", "S-7", "Header/BatchHeader/BatchID", "B-42",
                                "ExtensionSettings/Extension", "Report Server Email",
                                "ExtensionSettings/ParameterValues/ParameterValue[0]/Name", "Region",
                                "ExtensionSettings/ParameterValues/ParameterValue[0]/Value", "North",
                                "ExtensionSettings/ParameterValues/ParameterValue[0]/Label", "North region",
                                "ExtensionSettings/ParameterValues/ParameterValue[1]/Name", "Year",
                                "ExtensionSettings/ParameterValues/ParameterValue[1]/Value", "2024",
                                "ExtensionSettings/ParameterValues/ParameterValue[1]/Label", "Year 2024",
                                "ExtensionSettings/ParameterValues/ParameterFieldReference[0]/ParameterName", "TO",
                                "ExtensionSettings/ParameterValues/ParameterFieldReference[0]/FieldAlias", "EmailAddress",
                                "ExtensionSettings/ParameterValues/ParameterFieldReference[1]/ParameterName", "CC",
                                "ExtensionSettings/ParameterValues/ParameterFieldReference[1]/FieldAlias", "Manager",
                                "DataRetrievalPlan/DataSourceDefinition/Extension", "OLEDB",
                                "DataRetrievalPlan/DataSourceDefinition/ConnectString", "Server=db1;Database=Sales",
                                "DataRetrievalPlan/DataSourceDefinition/CredentialRetrieval", "Integrated",
                                "DataRetrievalPlan/DataSourceDefinition/WindowsCredentials", "true",
                                "DataRetrievalPlan/DataSourceDefinition/UserName", "report",
                                "DataRetrievalPlan/DataSet/Fields/Field[0]/Alias", "EmailAddress",
                                "DataRetrievalPlan/DataSet/Fields/Field[0]/Name", "email",
                                "DataRetrievalPlan/DataSet/Fields/Field[1]/Alias", "Manager",
                                "DataRetrievalPlan/DataSet/Fields/Field[1]/Name", "manager",
                                "DataRetrievalPlan/DataSet/Query/CommandType", "Text",
                                "DataRetrievalPlan/DataSet/Query/CommandText", "SELECT email, manager FROM recipients",
                                "DataRetrievalPlan/DataSet/Query/Timeout", "60",
                                "DataRetrievalPlan/DataSet/CaseSensitivity", "Auto"),
                                expect("Report", "/Sales/Daily", "Description", null, "MatchData", "S-8",
                                        "Header/BatchHeader/BatchID", "B-43",
                                        "ExtensionSettings/Extension", "Report Server Email",
                                        "ExtensionSettings/ParameterValues/ParameterValue", null,
                                        "ExtensionSettings/ParameterValues/ParameterFieldReference", null,
                                        "DataRetrievalPlan/DataSourceDefinition/Extension", "SQL",
                                        "DataRetrievalPlan/DataSourceDefinition/ConnectString", "Server=db2",
                                        "DataRetrievalPlan/DataSourceDefinition/CredentialRetrieval", "Store",
                                        "DataRetrievalPlan/DataSourceDefinition/WindowsCredentials", "false",
                                        "DataRetrievalPlan/DataSourceDefinition/UserName", null,
                                        "DataRetrievalPlan/DataSet/Fields/Field[0]/Name", "email",
                                        "DataRetrievalPlan/DataSet/Fields/Field[1]", null,
                                        "DataRetrievalPlan/DataSet/Query/Timeout", "30")))),
                arguments(new Case("corpus/asmx-spews",
                        List.of("""
                                {"execution_id":4711,"session_id":"sess-9","output":"  done: 3 files ","complete":true}""", """
                                {"execution_id":4712,"complete":false}"""),
                        List.of(expect("sSessionId", "sess-9", "nExecutionDetailsId", "4711", "sOutput", "done: 3 files",
                                        "bIsComplete", "true"),
                                expect("sSessionId", null, "nExecutionDetailsId", "4712", "sOutput", null,
                                        "bIsComplete", "false")))),
                arguments(new Case("corpus/asmx-terraservice",
                        List.of("""
                                {"search_id":"T-1","area":{"north_west":{"lon":-122.5,"lat":47.75},"south_east":{"lon":-122.25,"lat":47.5}},
                                 "place_type":"HillMountain","max_items":20}""", """
                                {"search_id":"T-2","area":{"north_west":{"lon":2,"lat":49},"south_east":{"lon":2.5,"lat":48.5}}}"""),
                        List.of(expect("upperleft/Lon", "-122.5", "upperleft/Lat", "47.75", "lowerright/Lon", "-122.25",
                                        "lowerright/Lat", "47.5", "ptype", "HillMountain", "MaxItems", "20"),
                                expect("upperleft/Lon", "2.0", "upperleft/Lat", "49.0", "lowerright/Lon", "2.5",
                                        "lowerright/Lat", "48.5", "ptype", "CityTown", "MaxItems", "100")))),
                arguments(new Case("corpus/axis1-marshall2-rpclit",
                        List.of("""
                                {"batch_id":"B-1","readings":[
                                  {"amount":19.999,"ratio":0.25,"serial":9007199254740993,"rank":-12,"count":42,
                                   "recorded_at":"2024-05-31T14:30:00+02:00","flags":7,"valid":true,"name":"  gauge A ",
                                   "population":123456789012345678901234567890,"weight":1.5,
                                   "detail":{"amount":3.14159,"ratio":-2.5,"serial":-1,"rank":300,"count":-42,
                                             "recorded_at":"2024-05-31T12:30:00Z","valid":false,"name":"probe",
                                             "population":"98765432109876543210","weight":0.125}},
                                  {"amount":"1","ratio":1e3,"serial":0,"rank":0,"count":0,"recorded_at":"2024-06-01T00:00:00",
                                   "valid":false,"name":"gauge B","population":0,"weight":-3,
                                   "detail":{"amount":0.1,"ratio":0,"serial":5,"rank":1,"count":2,"recorded_at":"2024-06-01T00:00:00-05:00",
                                             "valid":true,"name":"b","population":1,"weight":2}}]}"""),
                        List.of(expect(
                                "parameters/JavaBeanArray[0]/myBigDecimal", "20.00", "parameters/JavaBeanArray[0]/myDouble", "0.25",
                                "parameters/JavaBeanArray[0]/myLong", "9007199254740993", "parameters/JavaBeanArray[0]/myShort", "-12",
                                "parameters/JavaBeanArray[0]/myInt", "42",
                                "parameters/JavaBeanArray[0]/myCalendar", "2024-05-31T14:30:00+02:00",
                                "parameters/JavaBeanArray[0]/myByte", "7", "parameters/JavaBeanArray[0]/myBoolean", "true",
                                "parameters/JavaBeanArray[0]/myString", "gauge A",
                                "parameters/JavaBeanArray[0]/myBigInteger", "123456789012345678901234567890",
                                "parameters/JavaBeanArray[0]/myFloat", "1.5",
                                "parameters/JavaBeanArray[0]/myJavaBean/myBigDecimal", "3.14159",
                                "parameters/JavaBeanArray[0]/myJavaBean/myDouble", "-2.5",
                                "parameters/JavaBeanArray[0]/myJavaBean/myLong", "-1",
                                "parameters/JavaBeanArray[0]/myJavaBean/myShort", "300",
                                "parameters/JavaBeanArray[0]/myJavaBean/myInt", "-42",
                                "parameters/JavaBeanArray[0]/myJavaBean/myCalendar", "2024-05-31T12:30:00Z",
                                "parameters/JavaBeanArray[0]/myJavaBean/myByte", "0",
                                "parameters/JavaBeanArray[0]/myJavaBean/myBoolean", "false",
                                "parameters/JavaBeanArray[0]/myJavaBean/myString", "PROBE",
                                "parameters/JavaBeanArray[0]/myJavaBean/myBigInteger", "98765432109876543210",
                                "parameters/JavaBeanArray[0]/myJavaBean/myFloat", "0.125",
                                "parameters/JavaBeanArray[1]/myBigDecimal", "1.00", "parameters/JavaBeanArray[1]/myDouble", "1000.0",
                                "parameters/JavaBeanArray[1]/myCalendar", "2024-06-01T00:00:00",
                                "parameters/JavaBeanArray[1]/myByte", "0", "parameters/JavaBeanArray[1]/myFloat", "-3.0",
                                "parameters/JavaBeanArray[1]/myJavaBean/myBigDecimal", "0.1",
                                "parameters/JavaBeanArray[1]/myJavaBean/myCalendar", "2024-06-01T00:00:00-05:00",
                                "parameters/JavaBeanArray[1]/myJavaBean/myString", "B",
                                "parameters/JavaBeanArray[2]", null)))),
                arguments(new Case("corpus/axis2-complex-datatypes",
                        List.of("""
                                {"employee_id":1234567890123,"person":{"age":41.5,"badge":7.25,"male":true,"name":" Grace "},
                                 "hired_at":"2024-05-31T09:30:00-05:00","extensions":[101,-7]}""", """
                                {"employee_id":2,"hired_at":"2024-06-01T08:00:00Z"}"""),
                        List.of(expect(
                                "inStructSNSA/jobID", "1234567890123", "inStructSNSA/baseDetails/age", "41.5",
                                "inStructSNSA/baseDetails/id", "7.25", "inStructSNSA/baseDetails/male", "true",
                                "inStructSNSA/baseDetails/name", "Grace", "inStructSNSA/hireDate", "2024-05-31T09:30:00-05:00",
                                "inStructSNSA/numbers/_short[0]", "101", "inStructSNSA/numbers/_short[1]", "-7"),
                                expect("inStructSNSA/jobID", "2", "inStructSNSA/baseDetails", null,
                                        "inStructSNSA/hireDate", "2024-06-01T08:00:00Z", "inStructSNSA/numbers", null)))),
                arguments(new Case("corpus/axis2-library",
                        List.of("""
                                {"library_id":"L-1","admin":{"name":"  Ada Lovelace ","age":36,"phone":5550100,
                                   "address":{"street":"1 Main St","city":"Springfield","zip":"12345","country":"us"}},
                                 "books":[{"author":"Knuth","pages":672,"publisher":"Addison-Wesley","reviewers":["Lin","Ott"]},
                                          {"author":"Wirth","pages":180,"publisher":"Prentice Hall","reviewers":["Hoare"]}],
                                 "staff":12}""", """
                                {"library_id":"L-2","books":[{"author":"Dijkstra"}]}""", """
                                {"library_id":"L-3","admin":{"name":null,"age":40,"address":{}},"books":[],"staff":null}"""),
                        List.of(expect(
                                "args0/admin/name", "Ada Lovelace", "args0/admin/age", "36", "args0/admin/phone", "5550100",
                                "args0/admin/address/street", "1 Main St", "args0/admin/address/city", "Springfield",
                                "args0/admin/address/zipCode", "12345", "args0/admin/address/country", "US",
                                "args0/books[0]/author", "Knuth", "args0/books[0]/numOfPages", "672",
                                "args0/books[0]/publisher", "Addison-Wesley", "args0/books[0]/reviewers[0]", "Lin",
                                "args0/books[0]/reviewers[1]", "Ott", "args0/books[1]/author", "Wirth",
                                "args0/books[1]/numOfPages", "180", "args0/books[1]/reviewers[0]", "Hoare",
                                "args0/books[1]/reviewers[1]", null, "args0/staff", "12"),
                                expect("args0/admin", null, "args0/books[0]/author", "Dijkstra", "args0/books[0]/numOfPages", null,
                                        "args0/books[0]/reviewers", null, "args0/books[1]", null, "args0/staff", null),
                                expect("args0/admin/age", "40", "args0/admin/name", null, "args0/admin/address", null,
                                        "args0/books", null, "args0/staff", null)))),
                arguments(new Case("corpus/axis2-stockquote",
                        List.of("""
                                {"symbol":" ibm ","price":123.45}""", """
                                {"symbol":"msft","price":410}"""),
                        List.of(expect("symbol", "IBM", "price", "123.45"), expect("symbol", "MSFT", "price", "410.0")))),
                arguments(new Case("corpus/cxf-customer-service",
                        List.of("""
                                {"customer_id":1001,"name":"  Parks Dept ","address_lines":[" 1 City Hall Plaza","Room 12 "],
                                 "order_count":14,"revenue":12345.5,"credit_limit":1500,"birth_date":"1985-04-12","kind":"business"}""", """
                                {"customer_id":1002,"revenue":0,"birth_date":"1990-01-31T23:30:00-05:00"}"""),
                        List.of(expect(
                                "customer/customerId", "1001", "customer/name", "Parks Dept",
                                "customer/address[0]", "1 City Hall Plaza", "customer/address[1]", "Room 12",
                                "customer/numOrders", "14", "customer/revenue", "12345.5", "customer/test", "1500.00",
                                "customer/birthDate", "1985-04-12", "customer/type", "BUSINESS"),
                                expect("customer/customerId", "1002", "customer/name", null, "customer/address", null,
                                        "customer/numOrders", "0", "customer/revenue", "0.0", "customer/test", null,
                                        "customer/birthDate", "1990-01-31", "customer/type", null)))),
                arguments(new Case("corpus/cxf-locator",
                        List.of("""
                                {"query_id":"Q-1","filters":[{"field":"SERVICE","value":"{http://apache.org/hello}SOAPService"},
                                                            {"field":"BINDING","value":"soap"},{"field":"region","value":"eu-west"}]}""", """
                                {"query_id":"Q-2","filters":[]}"""),
                        List.of(expect(
                                "select/filter[0]", "{http://apache.org/hello}SOAPService", "select/filter[0]/@field", "SERVICE",
                                "select/filter[1]", "soap", "select/filter[1]/@field", "BINDING",
                                "select/filter[2]", "eu-west", "select/filter[2]/@field", "region"),
                                expect("select", "", "select/filter", null)))),
                arguments(new Case("corpus/cxf-soap-header",
                        List.of("""
                                {"request_id":"H-1","request_type":"status","originator":"City Hall","message":"  permit check  "}"""),
                        List.of(expect("requestType", "status", "Header/SOAPHeaderInfo/originator", "City Hall",
                                "Header/SOAPHeaderInfo/message", "permit check")))),
                arguments(new Case("corpus/cxf-soap12",
                        List.of("""
                                {"name":"  Ada Lovelace  "}""", """
                                {"name":"Grace Brewster Murray Hopper"}"""),
                        List.of(expect("requestType", "Ada Lovelace"), expect("requestType", "Grace Brewster Murray Hopper")))),
                arguments(new Case("corpus/cxf-wsdl-import-split",
                        List.of("""
                                {"person_id":"  P-12345 "}"""),
                        List.of(expect("personId", "P-12345")))),
                arguments(new Case("corpus/metro-rpclit-header",
                        List.of("""
                                {"echo_id":"E-1","info":"body text","first":"header one","second":"header two"}"""),
                        List.of(expect("reqBody/reqInfo", "body text", "Header/echo/reqInfo", "header one",
                                "Header/echo2/reqInfo", "header two")))),
                arguments(new Case("corpus/ode-pmapi-rpclit",
                        List.of("""
                                {"process_id":"{urn:city:processes}permit-review-17","property":"{urn:city:properties}owner",
                                 "value":"  Lin  "}""", """
                                {"process_id":"review","property":"priority","value":"high"}"""),
                        List.of(expect("pid", qname("{urn:city:processes}permit-review-17"),
                                        "propertyName", qname("{urn:city:properties}owner"), "propertyValue", "Lin"),
                                expect("pid", qname("review"), "propertyName", qname("priority"), "propertyValue", "high")))),
                arguments(new Case("corpus/oracle-adf-hrapp",
                        List.of("""
                                {"search_id":"Q-1","fetch_start":10,"fetch_size":50,
                                 "groups":[{"conjunction":"Or","ignore_case":true,
                                            "items":[{"attribute":"Ename","operator":"like","values":["SM%","AL%"]},
                                                     {"attribute":"Deptno","operator":"=","values":["10"]}]},
                                           {"conjunction":"AndNot","ignore_case":false,
                                            "items":[{"attribute":"Job","operator":"<>","values":["CLERK"]}]}],
                                 "sort":[{"attribute":"Ename","descending":false},{"attribute":"Sal","descending":true}],
                                 "attributes":["Empno","Ename","Sal"],"exclude_attributes":false}""", """
                                {"search_id":"Q-2","groups":[{"items":[{"attribute":"Empno","operator":"=","values":["7839"]}]}],
                                 "exclude_attributes":true}"""),
                        List.of(expect(
                                "findCriteria/fetchStart", "10", "findCriteria/fetchSize", "50",
                                "findCriteria/filter/conjunction", "And",
                                "findCriteria/filter/group[0]/conjunction", "Or",
                                "findCriteria/filter/group[0]/upperCaseCompare", "true",
                                "findCriteria/filter/group[0]/item[0]/attribute", "Ename",
                                "findCriteria/filter/group[0]/item[0]/operator", "LIKE",
                                "findCriteria/filter/group[0]/item[0]/value[0]", "SM%",
                                "findCriteria/filter/group[0]/item[0]/value[1]", "AL%",
                                "findCriteria/filter/group[0]/item[1]/attribute", "Deptno",
                                "findCriteria/filter/group[0]/item[1]/value[0]", "10",
                                "findCriteria/filter/group[1]/conjunction", "AndNot",
                                "findCriteria/filter/group[1]/upperCaseCompare", "false",
                                "findCriteria/filter/group[1]/item[0]/operator", "<>",
                                "findCriteria/filter/group[1]/item[0]/value[0]", "CLERK",
                                "findCriteria/filter/group[1]/item[1]", null,
                                "findCriteria/sortOrder/sortAttribute[0]/name", "Ename",
                                "findCriteria/sortOrder/sortAttribute[0]/descending", "false",
                                "findCriteria/sortOrder/sortAttribute[1]/name", "Sal",
                                "findCriteria/sortOrder/sortAttribute[1]/descending", "true",
                                "findCriteria/findAttribute[0]", "Empno", "findCriteria/findAttribute[2]", "Sal",
                                "findCriteria/excludeAttribute", "false"),
                                expect("findCriteria/fetchStart", "0", "findCriteria/fetchSize", "25",
                                        "findCriteria/filter/conjunction", "And",
                                        "findCriteria/filter/group[0]/conjunction", null,
                                        "findCriteria/filter/group[0]/upperCaseCompare", null,
                                        "findCriteria/filter/group[0]/item[0]/value[0]", "7839",
                                        "findCriteria/sortOrder", null, "findCriteria/findAttribute", null,
                                        "findCriteria/excludeAttribute", "true")))),
                arguments(new Case("corpus/springws-airline",
                        List.of("""
                                {"booking_id":"BK-1","flight":" kl1234 ","departure":"2024-06-01T08:15:00+02:00",
                                 "passengers":[{"first":"Ada","last":"Lovelace"},{"first":"Alan","last":"Turing"}],
                                 "frequent_flyers":["grace.hopper","edsger"]}""", """
                                {"booking_id":"BK-2","flight":"BA0042","departure":"2024-06-02T23:59:59Z",
                                 "frequent_flyers":["john"]}"""),
                        List.of(expect(
                                "flightNumber", "KL1234", "departureTime", "2024-06-01T08:15:00+02:00",
                                "passengers/passenger[0]/first", "Ada", "passengers/passenger[0]/last", "Lovelace",
                                "passengers/passenger[1]/first", "Alan", "passengers/passenger[1]/last", "Turing",
                                "passengers/username[0]", "grace.hopper", "passengers/username[1]", "edsger"),
                                expect("flightNumber", "BA0042", "departureTime", "2024-06-02T23:59:59Z",
                                        "passengers/passenger", null, "passengers/username[0]", "john")))),
                arguments(new Case("corpus/springws-soap11-12",
                        List.of("""
                                {"order_id":"O-1","lines":["  first ","second","third"]}""", """
                                {"order_id":"O-2","lines":["a","b","c","d"]}"""),
                        List.of(expect("child[0]", "first", "child[1]", "second", "child[2]", "third", "child[3]", null),
                                expect("child[0]", "a", "child[3]", "d")))),
                arguments(new Case("corpus/wcf-basedatatypes-bare",
                        List.of("""
                                {"clock_id":"K-1","read_at":"2024-05-31T14:30:00.5+02:00","offset_minutes":120}""", """
                                {"clock_id":"K-2","read_at":"2024-12-31T23:59:59Z"}"""),
                        List.of(expect("DateTime", "2024-05-31T14:30:00.5+02:00", "OffsetMinutes", "120"),
                                expect("DateTime", "2024-12-31T23:59:59Z", "OffsetMinutes", "0")))),
                arguments(new Case("corpus/wcf-member-named-system",
                        List.of("""
                                {"composite_id":"C-1","system":" Windows ","enabled":true}""", """
                                {"composite_id":"C-2","enabled":false}""", """
                                {"composite_id":"C-3"}"""),
                        List.of(expect("composite/System", "Windows", "composite/@BoolValue", "true"),
                                expect("composite/System", null, "composite/@BoolValue", "false"),
                                expect("composite", null)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eventsReachAnEndpointOfTheSameWsdlAsSchemaValidRequests(Case testCase) throws Exception {
        List<String> problems = problems(testCase);
        if (KNOWN_FAILURES.containsKey(testCase.folder())) {
            assertEquals(KNOWN_FAILURES.get(testCase.folder()), problems,
                    "what goes wrong with " + testCase + " changed; if it is fixed, take the case off KNOWN_FAILURES");
        } else {
            assertEquals(List.of(), problems);
        }
    }

    /**
     * Everything that differs from what the case expects: a connector that cannot start, a request
     * the partner's schema refuses, an event not sent, a value not as expected.
     */
    private List<String> problems(Case testCase) throws Exception {
        List<String> problems = new ArrayList<>();
        try (Deployment deployment = Deployment.of(TestFiles.resource(testCase.folder()), work)) {
            List<String> eventIds = deployment.publish(testCase.events());
            ConnectorRuntime runtime;
            try {
                runtime = deployment.start();
            } catch (RuntimeStartException e) {
                return List.of(e.getMessage());
            }
            try (runtime) {
                List<JournalEntry> outcome = outcome(runtime, eventIds);
                List<RecordingPartner.Request> received = deployment.partner.await(0, Duration.ZERO);
                deployment.partner.refused().forEach(refused -> problems.add("the partner's schema refuses " + refused));
                for (int i = 0; i < outcome.size(); i++) {
                    JournalEntry entry = outcome.get(i);
                    if (entry == null || entry.status() != JournalStatus.SENT) {
                        problems.add("event " + (i + 1) + ": " + (entry == null ? "not journalled"
                                : entry.status() + " after " + entry.attempts() + " attempts: " + entry.lastError()));
                    }
                }
                for (int i = 0; i < received.size() && i < testCase.expected().size(); i++) {
                    for (Map.Entry<String, String> value : testCase.expected().get(i).entrySet()) {
                        String expected = value.getValue();
                        String actual;
                        if (expected != null && expected.startsWith(QNAME)) {
                            expected = expected.substring(QNAME.length());
                            actual = qualifiedName(received.get(i), value.getKey());
                        } else {
                            actual = text(received.get(i), value.getKey());
                        }
                        if (!Objects.equals(expected, actual)) {
                            problems.add("request " + (i + 1) + ", " + value.getKey() + ": expected " + expected + ", sent " + actual);
                        }
                    }
                }
                if (received.size() != testCase.events().size()) {
                    problems.add(received.size() + " requests received, " + testCase.events().size() + " expected");
                }
            }
        }
        return problems;
    }

    /** The journal entry of each event once every one is sent or parked, or the time is up; {@code null} if not journalled. */
    private static List<JournalEntry> outcome(ConnectorRuntime runtime, List<String> eventIds) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<JournalEntry> entries = eventIds.stream()
                    .map(id -> runtime.store().view().find(id).orElse(null)).toList();
            if (entries.stream().allMatch(entry -> entry != null && entry.status() != JournalStatus.RECEIVED)
                    || System.nanoTime() > deadline) {
                return entries;
            }
            Thread.sleep(50);
        }
    }

    /** An order without lines, or with more than the 50 the wholesaler takes, can never be sent: it is parked at once. */
    @Test
    void anArrayOutsideThePartnersBoundsParksItsEventWithTheReason() throws Exception {
        String line = "{\"sku\":\"PEN-1\",\"qty\":1,\"price\":1,\"number\":1}";
        String order = "{\"order_id\":\"%s\",\"lines\":[%s],\"pickup_point\":\"D\",\"placed\":\"2024-05-31T09:30:00Z\"}";
        try (Deployment deployment = Deployment.of(TestFiles.resource("orders"), work)) {
            deployment.publish(List.of(order.formatted("none", ""),
                    order.formatted("too-many", String.join(",", Collections.nCopies(51, line))),
                    order.formatted("fine", line)));
            try (ConnectorRuntime runtime = deployment.start()) {
                List<RecordingPartner.Request> received = deployment.partner.await(1, TIMEOUT);
                assertEquals(List.of("fine"), received.stream().map(request -> text(request, "OrderID")).toList());
                Map<String, String> reasons = new TreeMap<>();
                runtime.store().view().parked().forEach(parked -> reasons.put(parked.eventKey(), parked.reason()));
                assertEquals(Map.of(
                        "none", "malformed event: field 'lines' holds 0 entries; the partner takes 1 to 50",
                        "too-many", "malformed event: field 'lines' holds 51 entries; the partner takes 1 to 50"), reasons);
            }
        }
    }

    /** A case's connector generated, compiled and loaded, and a partner of its WSDL listening. */
    private static final class Deployment implements AutoCloseable {
        private final Path work;
        private final URLClassLoader loader;
        private final SoapConnector<?, ?, ?> connector;
        private final RecordingPartner partner;
        private final String busUri = BusUnderTest.EMBEDDED.uri();

        private Deployment(Path work, URLClassLoader loader, SoapConnector<?, ?, ?> connector, RecordingPartner partner) {
            this.work = work;
            this.loader = loader;
            this.connector = connector;
            this.partner = partner;
        }

        static Deployment of(Path input, Path work) throws Exception {
            CompiledWsdls wsdls = new CompiledWsdls(4);
            CompilationResult result = new EssCompiler(input, wsdls)
                    .compile(input, work.resolve("src"), work.resolve("res"), "corpus");
            assertEquals(List.of(), result.errors().stream().map(Diagnostic::render).toList());
            Path classes = work.resolve("classes");
            List<Path> connectors;
            try (Stream<Path> files = Files.walk(work.resolve("src/corpus"))) {
                connectors = files.filter(file -> file.toString().endsWith("Connector.java")).toList();
            }
            assertEquals(List.of(), StrictJavac.compile(work.resolve("src/corpus/soap"), connectors, classes));
            Manifest manifest = manifest(input);
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.resolve("classes").toUri().toURL(),
                    classes.resolve("stub-classes").toUri().toURL(), work.resolve("res").toUri().toURL()},
                    CorpusEndToEndTest.class.getClassLoader());
            PartnerService service = partner(input, manifest, wsdls);
            PartnerPort port = manifest.port().flatMap(name -> service.port(name.value()))
                    .orElseGet(() -> service.defaultPort().orElseThrow());
            PartnerOperation operation = port.operation(manifest.operation().orElseThrow().value()).orElseThrow();
            RecordingPartner partner = RecordingPartner.start(WsdlSchema.of(service.wsdl()),
                    operation.rpc() ? WsdlSchema.rpcBody(service.wsdl(), operation.name()) : null,
                    operation.responseElement(), port.soap12());
            return new Deployment(work, loader, connector(loader), partner);
        }

        /**
         * Publishes with confirms to the connector's queue, declared first so nothing is lost before it
         * starts, and returns the events' ids.
         */
        List<String> publish(List<String> events) throws Exception {
            List<String> ids = new ArrayList<>();
            try (BusConnection bus = BusConnection.open(busUri, "corpus-publisher")) {
                Channel channel = bus.openChannel();
                channel.confirmSelect();
                Topology.declareIntake(channel, connector.spec());
                channel.queuePurge(connector.spec().queue());
                for (String event : events) {
                    ids.add(UUID.randomUUID().toString());
                    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                            .messageId(ids.get(ids.size() - 1)).deliveryMode(2).contentType("application/json").build();
                    channel.basicPublish(Topology.EVENTS_EXCHANGE, routingKey(connector.spec().listenTopic()), properties,
                            event.getBytes(StandardCharsets.UTF_8));
                }
                channel.waitForConfirmsOrDie(10_000);
            }
            return ids;
        }

        ConnectorRuntime start() {
            RuntimeConfig config = RuntimeConfig.builder(busUri)
                    .targetUrl(partner.address())
                    .database(work.resolve("ess.db").toString())
                    .build();
            return ConnectorRuntime.start(connector, config);
        }

        @Override
        public void close() throws Exception {
            partner.close();
            loader.close();
        }
    }

    /** A routing key the topic pattern matches: each wildcard stands for one word. */
    private static String routingKey(String topic) {
        return topic.replace("*", "x").replace("#", "x");
    }

    private static SoapConnector<?, ?, ?> connector(ClassLoader loader) throws Exception {
        Path registration = Path.of(((URLClassLoader) loader).getURLs()[2].toURI()).resolve(EssCompiler.SERVICES_FILE);
        // The connector registered by the compilation: one per case.
        String name = Files.readAllLines(registration).get(0).strip();
        return (SoapConnector<?, ?, ?>) loader.loadClass(name).getConstructor().newInstance();
    }

    /** The case's one manifest. */
    private static Manifest manifest(Path input) throws Exception {
        Path file;
        try (Stream<Path> files = Files.list(input)) {
            file = files.filter(path -> path.toString().endsWith(".yml")).findFirst().orElseThrow();
        }
        return new ManifestLoader(new Diagnostics(input)).load(file).orElseThrow();
    }

    /** The compiled WSDL of the manifest, from the cache its compilation filled. */
    private static PartnerService partner(Path input, Manifest manifest, CompiledWsdls wsdls) {
        Path wsdl = manifest.resolve(manifest.wsdl().orElseThrow());
        String stubPackage = Names.stubPackage("corpus", input.toAbsolutePath().normalize().relativize(wsdl));
        return new PartnerCompiler(new Diagnostics(input), wsdls).compile(wsdl, input, Position.of(wsdl), stubPackage)
                .orElseThrow();
    }

    /**
     * The text at a path of local names below the request's body element ({@code Site/Street},
     * {@code Item[1]/SKU} for the second {@code Item}, {@code @status}), or below a header
     * ({@code Header/Audit/User}); {@code null} where there is no such element or attribute.
     */
    static String text(RecordingPartner.Request request, String path) {
        Node found = find(request, path);
        return found == null ? null : found.getTextContent();
    }

    /** An {@code xs:QName} at a path, its prefix resolved where it stands: {@code {urn:x}name}. */
    static String qualifiedName(RecordingPartner.Request request, String path) {
        Node found = find(request, path);
        if (found == null) {
            return null;
        }
        String text = found.getTextContent().strip();
        int colon = text.indexOf(':');
        String namespace = found.lookupNamespaceURI(colon < 0 ? null : text.substring(0, colon));
        String localName = text.substring(colon + 1);
        return namespace == null || namespace.isEmpty() ? localName : "{" + namespace + "}" + localName;
    }

    private static Node find(RecordingPartner.Request request, String path) {
        if (path.startsWith("Header/")) {
            String[] headerAndRest = path.substring("Header/".length()).split("/", 2);
            return request.headers().stream().filter(element -> headerAndRest[0].equals(element.getLocalName())).findFirst()
                    .map(element -> headerAndRest.length == 1 ? element : find(element, headerAndRest[1])).orElse(null);
        }
        return find(request.body(), path);
    }

    private static Node find(Element root, String path) {
        Element current = root;
        for (String step : path.split("/")) {
            if (step.startsWith("@")) {
                // By local name: Axis2's schemas qualify their attributes.
                NamedNodeMap attributes = current.getAttributes();
                for (int a = 0; a < attributes.getLength(); a++) {
                    Node attribute = attributes.item(a);
                    if (step.substring(1).equals(attribute.getLocalName())
                            && !XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                        return attribute;
                    }
                }
                return null;
            }
            int index = 0;
            String name = step;
            if (step.endsWith("]")) {
                index = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
                name = step.substring(0, step.indexOf('['));
            }
            Element next = null;
            int seen = 0;
            for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && name.equals(element.getLocalName()) && seen++ == index) {
                    next = element;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current;
    }

    private static String cannotStart(String connector, String prefix) {
        return "connector " + connector + " cannot start: org.xml.sax.SAXParseException; s4s-att-not-allowed: Attribute 'xmlns:"
                + prefix + "' cannot appear in element 'schema'.";
    }

    /** An expected {@code xs:QName}, {@code {urn:x}name}: the same whatever prefix it was sent with. */
    private static String qname(String expandedName) {
        return QNAME + expandedName;
    }

    private static Map<String, String> expect(String... pathsAndValues) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            expected.put(pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return expected;
    }
}
