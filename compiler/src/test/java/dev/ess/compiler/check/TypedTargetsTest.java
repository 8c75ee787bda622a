package dev.ess.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ess.compiler.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mapping mistakes on dates, date-times, enumerations and optional nillable elements, each added
 * to an otherwise valid mapping of the inspections partner, and the exact diagnostic it gets.
 */
class TypedTargetsTest {

    private static final String MANIFEST = """
            id: city2inspections
            listen_topic: permits.inspection
            target_url: https://inspections.city.example/soap
            fields: [permit_id, status, issued, requested_at, site, urgency, expires, inspector, deadline, revised]
            wsdl: inspections.wsdl
            operation: scheduleInspection
            mapping: m.essmap
            """;

    private static final String VALID = """
            permit_id    -> scheduleInspection/PermitID
            status       -> scheduleInspection/Status
            issued       -> scheduleInspection/Issued
            requested_at -> scheduleInspection/RequestedAt
            site.street  -> scheduleInspection/Site/Street
            "CITY-042"   -> scheduleInspection/Agency
            """;

    @TempDir
    Path folder;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("\"OPN\" -> scheduleInspection/SourceStatus",
                        "m.essmap:7:1: error: [ESS062] constant 'OPN' is not one of the values of PermitStatus: OPEN, CLOSED"
                                + "\n  hint: did you mean 'OPEN'?"),
                arguments("\"asap\" -> scheduleInspection/Urgency",
                        "m.essmap:7:1: error: [ESS062] constant 'asap' is not one of the values of Urgency: routine, urgent, same-day"),
                arguments("urgency | default(\"Urgent\") -> scheduleInspection/Urgency",
                        "m.essmap:7:19: error: [ESS062] constant 'Urgent' is not one of the values of Urgency: routine, urgent, same-day"
                                + "\n  hint: did you mean 'urgent'?"),
                arguments("5 -> scheduleInspection/SourceStatus",
                        "m.essmap:7:1: error: [ESS052] cannot map number constant 5 to scheduleInspection/SourceStatus"
                                + " of type PermitStatus, xs:string\n  hint: write the number in quotes to send it as text"),
                arguments("\"31.05.2024\" -> scheduleInspection/Since",
                        "m.essmap:7:1: error: [ESS063] constant '31.05.2024' is not an xs:date"
                                + "\n  hint: write it as yyyy-MM-dd, for example 2024-05-31"),
                arguments("revised | default(\"2024-02-30\") -> scheduleInspection/Revised",
                        "m.essmap:7:19: error: [ESS063] constant '2024-02-30' is not an xs:date"
                                + "\n  hint: write it as yyyy-MM-dd, for example 2024-05-31"),
                arguments("\"2024-05-31\" -> scheduleInspection/Deadline",
                        "m.essmap:7:1: error: [ESS063] constant '2024-05-31' is not an xs:dateTime\n  hint: write it as"
                                + " yyyy-MM-ddTHH:mm:ss with an optional offset, for example 2024-05-31T14:30:00+02:00"),
                arguments("\"2024-05-31T14:30+02:00\" -> scheduleInspection/Deadline",
                        "m.essmap:7:1: error: [ESS063] constant '2024-05-31T14:30+02:00' is not an xs:dateTime\n  hint: write it as"
                                + " yyyy-MM-ddTHH:mm:ss with an optional offset, for example 2024-05-31T14:30:00+02:00"),
                arguments("12 -> scheduleInspection/Since",
                        "m.essmap:7:1: error: [ESS052] cannot map number constant 12 to scheduleInspection/Since of type xs:date"),
                arguments("expires | date(\"dd.MM.yyyy\") -> scheduleInspection/Expires",
                        "m.essmap:7:11: error: [ESS052] cannot map text to scheduleInspection/Expires of type xs:date"
                                + "\n  hint: date(...) makes text; an xs:date takes the field itself"),
                arguments("deadline | trim -> scheduleInspection/Deadline",
                        "m.essmap:7:12: error: [ESS052] cannot map text to scheduleInspection/Deadline of type xs:dateTime"),
                arguments("\"2024-05-31\" | trim -> scheduleInspection/Since",
                        "m.essmap:7:16: error: [ESS052] cannot map text to scheduleInspection/Since of type xs:date"),
                arguments("deadline | default(5) -> scheduleInspection/Deadline",
                        "m.essmap:7:20: error: [ESS052] cannot map number constant 5 to scheduleInspection/Deadline"
                                + " of type xs:dateTime"),
                arguments("expires | default(\"soon\") | date(\"yyyy\") -> scheduleInspection/Inspector",
                        "m.essmap:7:19: error: [ESS063] constant 'soon' is not an xs:date"
                                + "\n  hint: write it as yyyy-MM-dd, for example 2024-05-31"),
                arguments("expires | default(\"2099-12-31\") | date(\"yyyy\") -> scheduleInspection/Inspector", ""),
                arguments("\"2024-05-31T14:30:00Z\" -> scheduleInspection/Deadline\n\"2024-05-31\" -> scheduleInspection/Since\n"
                                + "\"same-day\" -> scheduleInspection/Urgency\n\"\" -> scheduleInspection/Inspector",
                        ""));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void eachMistakeIsReportedExactly(String extraLine, String expected) throws IOException {
        List<String> reported = compile(TestFiles.read(TestFiles.resource("inspections/inspections.wsdl")),
                VALID + extraLine + "\n");

        assertEquals(expected.isEmpty() ? List.of() : List.of(expected), reported);
    }

    @Test
    void aRepeatedElementNeedsItsBracketsAndNumericEnumerationsAreCheckedByValue() throws IOException {
        String wsdl = TestFiles.read(TestFiles.resource("inspections/inspections.wsdl"))
                .replace("<xs:element name=\"Since\" type=\"xs:date\" minOccurs=\"0\"/>",
                        "<xs:element name=\"Since\" type=\"xs:date\" minOccurs=\"0\" maxOccurs=\"unbounded\"/>")
                .replace("<xs:simpleType name=\"Urgency\">\n        <xs:restriction base=\"xs:string\">",
                        "<xs:simpleType name=\"Urgency\">\n        <xs:restriction base=\"xs:int\">")
                .replace("value=\"routine\"", "value=\"1\"").replace("value=\"urgent\"", "value=\"2\"")
                .replace("value=\"same-day\"", "value=\"3\"");

        List<String> reported = compile(wsdl, VALID + "\"2024-01-01\" -> scheduleInspection/Since\n"
                + "4 -> scheduleInspection/Urgency\n");

        assertEquals(List.of(
                "m.essmap:7:36: error: [ESS065] 'scheduleInspection/Since' is a repeated element (maxOccurs unbounded)"
                        + "\n  hint: write scheduleInspection/Since[] and map an array onto it,"
                        + " e.g. items[].sku -> scheduleInspection/Since[]/...",
                "m.essmap:8:1: error: [ESS062] constant '4' is not one of the values of Urgency: 1, 2, 3"),
                reported);
    }

    /** Headline and hint of each diagnostic. */
    private List<String> compile(String wsdl, String mapping) throws IOException {
        TestFiles.write(folder, "inspections.wsdl", wsdl);
        TestFiles.write(folder, "m.yml", MANIFEST);
        TestFiles.write(folder, "m.essmap", mapping);
        return Reported.compiling(folder);
    }
}
