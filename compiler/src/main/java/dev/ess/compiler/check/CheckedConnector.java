package dev.ess.compiler.check;

import dev.ess.compiler.manifest.Manifest;
import dev.ess.compiler.mapping.MappingFile;
import dev.ess.compiler.wsdl.SoapTarget;
import java.util.List;
import java.util.Objects;

/** A connector whose manifest, mapping and target type agree: ready to emit. */
public record CheckedConnector(Manifest manifest, MappingFile mapping, SoapTarget target, List<Assignment> assignments) {

    public CheckedConnector {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(target, "target");
        assignments = List.copyOf(assignments);
    }
}
