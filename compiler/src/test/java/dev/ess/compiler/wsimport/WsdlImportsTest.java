package dev.ess.compiler.wsimport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ess.compiler.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WsdlImportsTest {

    @TempDir
    Path folder;

    @Test
    void followsLocalImportsAndIncludesTransitivelyButNotRemoteOnes() {
        Path wsdl = TestFiles.write(folder, "partner.wsdl", """
                <definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <import namespace="urn:common" location="common/common.wsdl"/>
                  <types>
                    <xs:schema>
                      <xs:import namespace="urn:a" schemaLocation="xsd/a.xsd"/>
                      <xs:import namespace="urn:remote" schemaLocation="https://partner.example/remote.xsd"/>
                    </xs:schema>
                  </types>
                </definitions>
                """);
        TestFiles.write(folder, "common/common.wsdl",
                "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"/>");
        TestFiles.write(folder, "xsd/a.xsd", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:include schemaLocation="b.xsd"/>
                  <xs:include schemaLocation="missing.xsd"/>
                </xs:schema>
                """);
        TestFiles.write(folder, "xsd/b.xsd", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:include schemaLocation="a.xsd"/>
                </xs:schema>
                """);

        assertEquals(List.of(folder.resolve("common/common.wsdl"), wsdl, folder.resolve("xsd/a.xsd"),
                folder.resolve("xsd/b.xsd")), List.copyOf(WsdlImports.of(wsdl)));
    }

    @Test
    void aMalformedWsdlIsItsOwnOnlyDependency() {
        Path wsdl = TestFiles.write(folder, "broken.wsdl", "<definitions");

        assertEquals(List.of(wsdl), List.copyOf(WsdlImports.of(wsdl)));
    }
}
