package dev.ess.compiler;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What {@link CorpusEndToEndTest} publishes for each case, and what the partner must receive:
 * events that give every line of the case's mapping a value, and the values the mapping and the
 * partner's schema imply ({@code scale(2)} gives two decimals, an {@code xs:dateTime} keeps its
 * offset, an optional element whose field is missing or null is not sent at all).
 */
final class CorpusEndToEndCases {

    /** Marks an expected {@code xs:QName}; see {@link #qname}. */
    static final String QNAME = "xs:QName ";

    private CorpusEndToEndCases() {}

    /**
     * A case: the folder its manifest is in, the events published in order, and for each request
     * what the partner must have received: paths of local names below the request's body element
     * ({@code books[1]/author} for the second book, {@code @status}), or below a SOAP header
     * ({@code Header/Audit/User}), with the text expected there, {@code null} where nothing may be,
     * or a {@link #qname}.
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

    /** An expected {@code xs:QName}, {@code {urn:x}name}: the same whatever prefix it was sent with. */
    static String qname(String expandedName) {
        return QNAME + expandedName;
    }

    static Map<String, String> expect(String... pathsAndValues) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            expected.put(pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return expected;
    }
}
