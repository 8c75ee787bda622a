package dev.ess.compiler.check;

import dev.ess.compiler.manifest.Manifest;
import dev.ess.compiler.mapping.MappingFile;
import dev.ess.compiler.partner.PartnerOperation;
import dev.ess.compiler.partner.PartnerPort;
import dev.ess.compiler.partner.PartnerService;
import dev.ess.compiler.partner.RequestPart;
import java.util.List;
import java.util.Objects;

/**
 * A connector whose manifest, mapping and partner agree, with the request planned part by part:
 * everything the emitter needs, every decision made.
 *
 * @param parts the port method's arguments in order; an argument with no build is passed empty
 */
public record BoundConnector(Manifest manifest, MappingFile mapping, PartnerService service, PartnerPort port,
        PartnerOperation operation, List<Part> parts) {

    /**
     * One argument of the port call.
     *
     * @param build how map() builds it, or {@code null} when the mapping fills nothing of it
     */
    public record Part(RequestPart part, Build build) {
        public Part {
            Objects.requireNonNull(part, "part");
        }
    }

    public BoundConnector {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(operation, "operation");
        parts = List.copyOf(parts);
    }

    /** The parts the request carries, those map() builds. */
    public List<Part> inputs() {
        return parts.stream().filter(part -> part.part().input()).toList();
    }
}
