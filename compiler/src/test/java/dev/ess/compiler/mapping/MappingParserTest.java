package dev.ess.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ess.compiler.diagnostic.Diagnostic;
import dev.ess.compiler.diagnostic.Diagnostics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MappingParserTest {

    private static final Path FILE = Path.of("m.essmap");

    private final Diagnostics diagnostics = new Diagnostics(null);

    @Test
    void theSampleMapping() {
        MappingFile mapping = parse("""
                permit_id   -> Permit/ID
                street      -> Permit/Street
                truck_limit -> Permit/TruckLimit
                """).orElseThrow();

        assertEquals(3, mapping.lines().size());
        MappingLine third = mapping.lines().get(2);
        assertEquals(new FieldRef(third.position(), List.of(new FieldRef.Segment("truck_limit", false))), third.source());
        assertEquals(List.of("Permit", "TruckLimit"), third.target().names());
        assertEquals(3, third.line());
        assertEquals(16, third.target().position().column());
        assertEquals("truck_limit -> Permit/TruckLimit", third.text());
    }

    @Test
    void sourcesFunctionsCommentsAndBlankLines() {
        MappingFile mapping = parse("""
                # the DMV's permit, field by field

                owner.name | trim | upper        -> Permit/Owner/Name   # nested on both sides
                "CITY-042 \\"north\\"\\u00e9"     -> Permit/SourceAgency
                -3                               -> Permit/Delta
                2.50 | scale(1)                  -> Permit/Fee
                issued | date("dd.MM.yyyy")      -> Permit/Issued
                nickname | default("n/a")        -> Permit/Nickname""").orElseThrow();

        List<MappingLine> lines = mapping.lines();
        assertEquals(6, lines.size());
        assertEquals("owner.name", ((FieldRef) lines.get(0).source()).dotted());
        assertEquals(List.of("trim", "upper"), lines.get(0).functions().stream().map(FunctionCall::name).toList());
        assertEquals("owner.name | trim | upper        -> Permit/Owner/Name", lines.get(0).text());
        assertEquals("CITY-042 \"north\"\u00e9", ((StringConstant) lines.get(1).source()).value());
        assertEquals(new BigDecimal("-3"), ((NumberConstant) lines.get(2).source()).value());
        NumberConstant fee = (NumberConstant) lines.get(3).source();
        assertEquals("2.50", fee.text());
        assertEquals(false, fee.isWhole());
        assertEquals("dd.MM.yyyy", ((StringConstant) lines.get(4).functions().get(0).arguments().get(0)).value());
        assertEquals(8, lines.get(5).line());
    }

    @Test
    void arraysAttributesAndTheNamesXmlAllows() {
        List<MappingLine> lines = parse("""
                items[].sku           -> Order/Item[]/SKU
                tags[] | upper        -> Order/Tag[]
                "open"                -> Order/@status
                note                  -> Order/Customer-Name.v2/Straße
                """).orElseThrow().lines();

        FieldRef sku = (FieldRef) lines.get(0).source();
        assertEquals(List.of(new FieldRef.Segment("items", true), new FieldRef.Segment("sku", false)), sku.segments());
        assertEquals("items[].sku", sku.toString());
        assertEquals("items.sku", sku.dotted());
        assertEquals(1, sku.arrays());
        assertEquals(List.of(false, true, false), lines.get(0).target().segments().stream().map(TargetPath.Segment::each).toList());
        assertEquals("Order/Item[]/SKU", lines.get(0).target().toString());
        assertEquals("tags[]", lines.get(1).source().toString());
        TargetPath.Segment status = lines.get(2).target().segments().get(1);
        assertEquals("status", status.name());
        assertTrue(status.attribute());
        assertEquals(32, status.position().column());
        assertEquals(List.of("Order", "Customer-Name.v2", "Straße"), lines.get(3).target().names());
    }

    @Test
    void aHashInsideAStringIsNotAComment() {
        MappingLine line = parse("\"#1\" -> Permit/Tag # note").orElseThrow().lines().get(0);

        assertEquals("#1", ((StringConstant) line.source()).value());
        assertEquals("\"#1\" -> Permit/Tag", line.text());
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                arguments("permit_id Permit/ID",
                        "1:11: error: [ESS030] unexpected name 'Permit', expected '->' or '|'"),
                arguments("-> Permit/ID",
                        "1:1: error: [ESS030] unexpected '->', expected <end of file>, <end of line>, <field>, <number> or <string>"),
                arguments("permit_id ->",
                        "1:13: error: [ESS030] unexpected end of file, expected '@' or <element>"),
                arguments("permit_id -> Permit/",
                        "1:21: error: [ESS030] unexpected end of file, expected '@' or <element>"),
                arguments("street | -> Permit/Street",
                        "1:10: error: [ESS030] unexpected '->', expected <function>"),
                arguments("street | date(yyyy) -> Permit/Street",
                        "1:15: error: [ESS030] unexpected name 'yyyy', expected ')', <number> or <string>"),
                arguments("\"open -> Permit/ID",
                        "1:1: error: [ESS030] unterminated string constant"),
                arguments("permit_id -> Permit/ID @",
                        "1:24: error: [ESS030] unexpected '@', expected <end of file> or <end of line>"),
                arguments("permit_id -> Permit/ID ! x",
                        "1:24: error: [ESS030] unexpected character '!', expected <end of file> or <end of line>"),
                arguments("\"a\\q\" -> Permit/ID",
                        "1:3: error: [ESS031] invalid string constant: unknown escape \\q"),
                arguments("\"\\u12\" -> Permit/ID",
                        "1:2: error: [ESS031] invalid string constant: \\u needs four hex digits"));
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void syntaxErrorsListWhatWasExpected(String text, String expected) {
        Optional<MappingFile> mapping = parse(text);

        assertTrue(mapping.isEmpty());
        assertEquals(List.of("m.essmap:" + expected), diagnostics.all().stream().map(Diagnostic::headline).toList());
    }

    @Test
    void aBareArgumentIsToldToBeQuoted() {
        parse("street | date(yyyy) -> Permit/Street");

        Diagnostic reported = diagnostics.all().get(0);
        assertEquals("m.essmap:1:15: error: [ESS030] unexpected name 'yyyy', expected ')', <number> or <string>",
                reported.headline());
        assertEquals("write a text argument in quotes: date(\"yyyy\")", reported.hint());
    }

    @Test
    void oneErrorPerLineAndEveryLineChecked() {
        parse("""
                permit_id Permit/ID
                street -> Permit/Street
                truck_limit -> -> Permit/TruckLimit
                """);

        assertEquals(List.of(
                "m.essmap:1:11: error: [ESS030] unexpected name 'Permit', expected '->' or '|'",
                "m.essmap:3:16: error: [ESS030] unexpected character '-', expected '@' or <element>"),
                diagnostics.all().stream().map(Diagnostic::headline).toList());
    }

    @Test
    void anEmptyMappingIsAnError() {
        parse("# nothing yet\n\n");

        assertEquals(List.of("m.essmap: error: [ESS037] the mapping has no lines"),
                diagnostics.all().stream().map(Diagnostic::headline).toList());
    }

    private Optional<MappingFile> parse(String text) {
        return new MappingParser(diagnostics).parse(FILE, text);
    }
}
