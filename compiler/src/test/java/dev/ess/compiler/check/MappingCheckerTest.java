package dev.ess.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ess.compiler.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each mapping mistake, added to an otherwise valid mapping, and the exact diagnostic it gets. */
class MappingCheckerTest {

    private static final String MANIFEST = """
            id: county-fees
            listen_topic: parcels.fee
            target_url: https://fees.county.example/soap
            fields: [parcel_id, owner, amount, units, paid, due, priority, note]
            wsdl: fees.wsdl
            operation: payFee
            mapping: m.essmap
            """;

    private static final String VALID = """
            parcel_id  -> payFee/ParcelID
            owner.name -> payFee/Owner/Name
            amount     -> payFee/Amount
            paid       -> payFee/Paid
            "TAX"      -> payFee/Office
            priority   -> payFee/Priority
            """;

    @TempDir
    Path folder;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("unit -> payFee/Units",
                        "m.essmap:7:1: error: [ESS050] unknown field 'unit': not in the manifest's fields"
                                + "\n  hint: did you mean 'units'?"),
                arguments("zoning -> payFee/Units",
                        "m.essmap:7:1: error: [ESS050] unknown field 'zoning': not in the manifest's fields"
                                + "\n  hint: add it to 'fields' in m.yml"),
                arguments("units -> payFee/Unit",
                        "m.essmap:7:17: error: [ESS051] unknown target 'payFee/Unit'\n  hint: did you mean 'payFee/Units'?"),
                arguments("units -> Fee/Units",
                        "m.essmap:7:10: error: [ESS051] unknown target 'Fee/Units'\n  hint: did you mean 'payFee/Units'?"),
                arguments("units -> payFee/Owner",
                        "m.essmap:7:10: error: [ESS058] target 'payFee/Owner' is a complex element; map its child elements"
                                + "\n  hint: its elements: payFee/Owner/Name, payFee/Owner/Email"),
                arguments("\"many\" -> payFee/Units",
                        "m.essmap:7:1: error: [ESS052] cannot map string constant to payFee/Units of type xs:long"),
                arguments("12 -> payFee/Note",
                        "m.essmap:7:1: error: [ESS052] cannot map number constant 12 to payFee/Note of type xs:string"
                                + "\n  hint: write the number in quotes to send it as text"),
                arguments("amount | upper -> payFee/Amount",
                        "m.essmap:7:19: error: [ESS054] target 'payFee/Amount' is already mapped at line 3"),
                arguments("note | upper -> payFee/Units",
                        "m.essmap:7:8: error: [ESS052] cannot map text to payFee/Units of type xs:long"),
                arguments("units | scale(2) | upper -> payFee/Note",
                        "m.essmap:7:20: error: [ESS038] upper() takes text, not a decimal number"),
                arguments("note | shout -> payFee/Note",
                        "m.essmap:7:8: error: [ESS032] unknown function 'shout'\n  hint: functions: upper, lower, trim, default, date, scale"),
                arguments("note | uper -> payFee/Note",
                        "m.essmap:7:8: error: [ESS032] unknown function 'uper'\n  hint: did you mean 'upper'?"),
                arguments("note | scale -> payFee/Note",
                        "m.essmap:7:8: error: [ESS033] scale() takes one argument (a whole number), found none"),
                arguments("due | date(\"yyyy-MM-dd\", 2) -> payFee/DueDate",
                        "m.essmap:7:7: error: [ESS033] date() takes one argument (a string), found a string, the number 2"),
                arguments("due | date(\"yyyy-MM-dd ppp\") -> payFee/DueDate",
                        "m.essmap:7:12: error: [ESS034] invalid date pattern \"yyyy-MM-dd ppp\": Pad letter 'p' must be followed by valid pad pattern: yyyy-MM-dd ppp"),
                arguments("note | trim | default(\"x\") -> payFee/Note",
                        "m.essmap:7:15: error: [ESS035] default(...) must come right after the source\n  hint: move it before trim"),
                arguments("\"x\" | default(\"y\") -> payFee/Note",
                        "m.essmap:7:7: error: [ESS036] default(...) on a constant has no effect: a constant is never missing"),
                arguments("units | default(\"none\") -> payFee/Units",
                        "m.essmap:7:17: error: [ESS052] cannot map string constant to payFee/Units of type xs:long"),
                arguments("\"" + "x".repeat(31) + "\" -> payFee/Owner/Email\n\"" + "y".repeat(31) + "\" -> payFee/Note",
                        ""),
                arguments("\"TAXES\" -> payFee/Office",
                        "m.essmap:7:12: error: [ESS054] target 'payFee/Office' is already mapped at line 5"),
                arguments("-1 -> payFee/Rate",
                        ""),
                arguments("12.5 -> payFee/Units",
                        "m.essmap:7:1: error: [ESS052] cannot map number constant 12.5 to payFee/Units of type xs:long"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void eachMistakeIsReportedExactly(String extraLine, String expected) throws IOException {
        List<String> reported = compile(VALID + extraLine + "\n");

        assertEquals(expected.isEmpty() ? List.of() : List.of(expected), reported);
    }

    @Test
    void constantsMustFitTheFacets() throws IOException {
        List<String> reported = compile(VALID.replace("\"TAX\"", "\"TAXES\"").replace("amount     ", "100000.5  ")
                + "-2147483649 -> payFee/Units\n3000000000 -> payFee/Units\n");

        assertEquals(List.of(
                "m.essmap:3:1: error: [ESS057] constant 100000.5 is outside [0, 99999.99] of payFee/Amount",
                "m.essmap:5:1: error: [ESS055] constant of 5 characters exceeds the maxLength 3 of payFee/Office",
                "m.essmap:8:15: error: [ESS054] target 'payFee/Units' is already mapped at line 7"),
                reported);
    }

    @Test
    void numbersMustFitTheDigitFacets() throws IOException {
        String wsdl = TestFiles.read(TestFiles.resource("fees/fees.wsdl")).replace("<xs:maxInclusive value=\"99999.99\"/>",
                "<xs:maxInclusive value=\"99999.99\"/><xs:totalDigits value=\"5\"/><xs:fractionDigits value=\"2\"/>");
        TestFiles.write(folder, "fees.wsdl", wsdl);

        List<String> tooFineAScale = compile(VALID.replace("amount     ", "amount | scale(3)"));
        List<String> tooManyDecimals = compile(VALID.replace("amount     ", "12.345   "));
        List<String> tooManyDigits = compile(VALID.replace("amount     ", "12345.6  "));
        List<String> trailingZerosDoNotCount = compile(VALID.replace("amount     ", "1.2000   "));

        assertEquals(List.of("m.essmap:3:10: error: [ESS061] scale(3) keeps more decimals than the fractionDigits 2"
                + " of payFee/Amount\n  hint: use scale(2)"), tooFineAScale);
        assertEquals(List.of("m.essmap:3:1: error: [ESS060] constant 12.345 has 3 fraction digits,"
                + " more than the fractionDigits 2 of payFee/Amount"), tooManyDecimals);
        assertEquals(List.of("m.essmap:3:1: error: [ESS060] constant 12345.6 has 6 digits,"
                + " more than the totalDigits 5 of payFee/Amount"), tooManyDigits);
        assertEquals(List.of(), trailingZerosDoNotCount);
    }

    @Test
    void requiredElementsMustBeMapped() throws IOException {
        List<String> reported = compile("""
                parcel_id -> payFee/ParcelID
                owner.email -> payFee/Owner/Email
                """);

        assertEquals(List.of(
                "m.yml:7:10: error: [ESS053] required element 'payFee/Owner/Name' is not mapped\n"
                        + "  hint: add a line '<field> -> payFee/Owner/Name' to m.essmap",
                "m.yml:7:10: error: [ESS053] required element 'payFee/Amount' is not mapped\n"
                        + "  hint: add a line '<field> -> payFee/Amount' to m.essmap",
                "m.yml:7:10: error: [ESS053] required element 'payFee/Paid' is not mapped\n"
                        + "  hint: add a line '<field> -> payFee/Paid' to m.essmap",
                "m.yml:7:10: error: [ESS053] required element 'payFee/Office' is not mapped\n"
                        + "  hint: add a line '<field> -> payFee/Office' to m.essmap",
                "m.yml:7:10: error: [ESS053] required element 'payFee/Priority' is not mapped\n"
                        + "  hint: add a line '<field> -> payFee/Priority' to m.essmap"),
                reported);
    }

    @Test
    void anUnknownOperationIsReportedInTheManifest() throws IOException {
        Files.writeString(folder.resolve("m.yml"), MANIFEST.replace("operation: payFee", "operation: payFees"));
        List<String> reported = compile(VALID);

        assertEquals(List.of("m.yml:6:12: error: [ESS041] operation 'payFees' not found in fees.wsdl\n"
                + "  hint: did you mean 'payFee'?"), reported);
    }

    /** Headline and hint of each diagnostic; a valid mapping would run wsimport, so it stops before. */
    private List<String> compile(String mapping) throws IOException {
        if (!Files.exists(folder.resolve("fees.wsdl"))) {
            Files.copy(TestFiles.resource("fees/fees.wsdl"), folder.resolve("fees.wsdl"));
        }
        if (!Files.exists(folder.resolve("m.yml"))) {
            TestFiles.write(folder, "m.yml", MANIFEST);
        }
        TestFiles.write(folder, "m.essmap", mapping);
        return Reported.compiling(folder);
    }
}
