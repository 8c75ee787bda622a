package dev.ess.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ess.compiler.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes with arrays, repeated elements, attributes, choices and headers, each in a mapping of
 * the wholesaler's order service (orders.wsdl), and the exact diagnostics they get.
 */
class RepeatedAndAttributeTargetsTest {

    private static final String VALID = TestFiles.read(TestFiles.resource("orders/orders.essmap"));

    @TempDir
    Path folder;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(VALID + "lines[].sku -> submitOrder/Line/SKU\n", List.of(
                        "m.essmap:18:28: error: [ESS065] 'submitOrder/Line' is a repeated element (maxOccurs 50)\n"
                                + "  hint: write submitOrder/Line[] and map an array onto it,"
                                + " e.g. items[].sku -> submitOrder/Line[]/...")),
                arguments(VALID + "order_id -> submitOrder/OrderID[]\n", List.of(
                        "m.essmap:18:25: error: [ESS064] 'submitOrder/OrderID[]' is not a repeated element:"
                                + " it occurs at most once\n  hint: remove the []")),
                arguments(VALID.replace("lines[].sku | upper ", "lines[].notes[]     "), List.of(
                        "m.essmap:6:1: error: [ESS066] field 'lines[].notes[]' reads 2 arrays, but target"
                                + " 'submitOrder/Line[]/SKU' repeats 1 time\n"
                                + "  hint: each [] of the field pairs with a repeated element of the target, outermost first")),
                arguments(VALID.replace("lines[].qty ", "tags[].qty  "), List.of(
                        "m.essmap:7:1: error: [ESS067] 'submitOrder/Line[]' is filled from lines[] at line 6, not from tags[]\n"
                                + "  hint: one repeated element takes its entries from one array: map lines[] here,"
                                + " or another repeated element")),
                arguments(VALID.replace("lines[].sku | upper ", "lines[] | upper     "), List.of(
                        "m.essmap:7:1: error: [ESS067] 'submitOrder/Line[]' is filled from lines[] as values at line 6,"
                                + " not from lines[] as objects\n"
                                + "  hint: an array holds objects (read as lines[].name) or values (read as lines[]), not both",
                        "m.essmap:8:1: error: [ESS067] 'submitOrder/Line[]' is filled from lines[] as values at line 6,"
                                + " not from lines[] as objects\n"
                                + "  hint: an array holds objects (read as lines[].name) or values (read as lines[]), not both",
                        "m.essmap:10:1: error: [ESS067] 'submitOrder/Line[]' is filled from lines[] as values at line 6,"
                                + " not from lines[] as objects\n"
                                + "  hint: an array holds objects (read as lines[].name) or values (read as lines[]), not both",
                        "m.essmap:11:1: error: [ESS067] 'submitOrder/Line[]' is filled from lines[] as values at line 6,"
                                + " not from lines[] as objects\n"
                                + "  hint: an array holds objects (read as lines[].name) or values (read as lines[]), not both")),
                arguments(without(VALID, "Line[]"), List.of(
                        "m.yml:8:10: error: [ESS080] required repeated element 'submitOrder/Line[]' is not mapped\n"
                                + "  hint: map an array onto it, like '<array>[].<field> -> submitOrder/Line[]/...' in m.essmap")),
                arguments(without(VALID, "lines[]"), List.of(
                        "m.essmap:9:32: error: [ESS068] nothing says how many 'submitOrder/Line[]' to send\n"
                                + "  hint: map an array onto it, for example items[].sku -> submitOrder/Line[]/SKU",
                        "m.yml:8:10: error: [ESS053] required element 'submitOrder/Line[]/SKU' is not mapped\n"
                                + "  hint: add a line '<field> -> submitOrder/Line[]/SKU' to m.essmap",
                        "m.yml:8:10: error: [ESS053] required element 'submitOrder/Line[]/Quantity' is not mapped\n"
                                + "  hint: add a line '<field> -> submitOrder/Line[]/Quantity' to m.essmap",
                        "m.yml:8:10: error: [ESS053] required element 'submitOrder/Line[]/@number' is not mapped\n"
                                + "  hint: add a line '<field> -> submitOrder/Line[]/@number' to m.essmap")),
                arguments(VALID + "delivery.street -> submitOrder/Delivery/Street\n", List.of(
                        "m.essmap:18:32: error: [ESS069] 'submitOrder/Delivery' and 'submitOrder/Pickup' (line 12)"
                                + " are alternatives of one xs:choice\n  hint: map only one of them")),
                arguments(without(VALID, "pickup_point"), List.of(
                        "m.yml:8:10: error: [ESS082] no alternative of a required xs:choice is mapped:"
                                + " submitOrder/Pickup, submitOrder/Delivery\n  hint: map one of them in m.essmap")),
                arguments(VALID.replace("pickup_point     ", "delivery.street  ").replace("submitOrder/Pickup",
                        "submitOrder/Delivery/Street") + "delivery.city -> submitOrder/Delivery/City\n", List.of()),
                arguments(VALID + "\"x\" -> submitOrder/@chanel\n", List.of(
                        "m.essmap:18:20: error: [ESS051] unknown target 'submitOrder/@chanel'\n"
                                + "  hint: did you mean 'submitOrder/@channel'?")),
                arguments(VALID.replace("\"mobile\"", "\"\\u0001\"  "), List.of(
                        "m.essmap:16:1: error: [ESS081] the constant holds U+0001, a character XML cannot carry")),
                arguments(VALID.replace("customer.tier ", "\"bronze\"     "), List.of(
                        "m.essmap:5:1: error: [ESS062] constant 'bronze' is not one of the values of Tier: gold, silver")),
                arguments(VALID + "\"x\" -> submitOrder/Customer\n", List.of(
                        "m.essmap:18:8: error: [ESS058] target 'submitOrder/Customer' is a complex element;"
                                + " map its child elements\n"
                                + "  hint: its elements: submitOrder/Customer/Name, submitOrder/Customer/Email")),
                arguments(VALID + "clerk -> Audit/Users\n", List.of(
                        "m.essmap:18:16: error: [ESS051] unknown target 'Audit/Users'\n  hint: did you mean 'Audit/User'?")));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void eachMistakeIsReportedExactly(String mapping, List<String> expected) throws IOException {
        Files.copy(TestFiles.resource("orders/orders.wsdl"), folder.resolve("orders.wsdl"));
        TestFiles.write(folder, "m.yml", TestFiles.read(TestFiles.resource("orders/orders.yml"))
                .replace("orders.essmap", "m.essmap").replace("clerk]", "clerk, delivery]"));
        TestFiles.write(folder, "m.essmap", mapping);

        assertEquals(expected, Reported.compiling(folder));
    }

    /** The mapping without the lines that mention a text. */
    private static String without(String mapping, String text) {
        return String.join("\n", mapping.lines().map(line -> line.contains(text) ? "" : line).toList()) + "\n";
    }
}
