package dev.ess.compiler.partner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A partner's WSDL compiled: its SOAP ports and operations with their request types, the stub
 * sources and the documents to package beside them.
 *
 * @param stubs the stub sources by their path below the source root
 * @param resources the WSDL and the documents it imports by their classpath path
 * @param wsdlResource the WSDL's classpath path, from which the stubs load it
 */
public record PartnerService(Path wsdl, SortedSet<Path> files, String stubPackage, Map<String, byte[]> stubs,
        Map<String, byte[]> resources, String wsdlResource, List<PartnerPort> ports) {

    public PartnerService {
        stubs = new TreeMap<>(stubs);
        resources = new TreeMap<>(resources);
        ports = List.copyOf(ports);
    }

    public Optional<PartnerPort> port(String name) {
        return ports.stream().filter(port -> port.name().equals(name)).findFirst();
    }

    /**
     * The port a manifest without {@code port:} means: of those reached over HTTP, the first SOAP 1.1
     * port, else the first SOAP 1.2 port; empty when every port listens elsewhere (a WCF named pipe).
     */
    public Optional<PartnerPort> defaultPort() {
        List<PartnerPort> candidates = ports.stream().filter(PartnerPort::overHttp).toList();
        return candidates.stream().filter(port -> !port.soap12()).findFirst().or(() -> candidates.stream().findFirst());
    }
}
