package dev.ess.maven;

import dev.ess.compiler.manifest.ManifestSchema;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the manifest's JSON Schema beside the manifests, so that an editor's YAML support
 * completes and checks their keys: {@code mvn ess:schema}, once, and again after upgrading ESS.
 */
@Mojo(name = "schema", requiresProject = false, threadSafe = true)
public class SchemaMojo extends AbstractMojo {

    /** The schema file; manifests refer to it with {@code # yaml-language-server: $schema=ess-manifest.schema.json}. */
    @Parameter(property = "ess.schemaFile", defaultValue = "${basedir}/src/main/ess/ess-manifest.schema.json",
            required = true)
    private File schemaFile;

    @Override
    public void execute() throws MojoExecutionException {
        try {
            Files.createDirectories(schemaFile.toPath().toAbsolutePath().getParent());
            Files.writeString(schemaFile.toPath(), ManifestSchema.json(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the manifest schema to " + schemaFile + ": " + e.getMessage(), e);
        }
        getLog().info("ESS manifest schema written to " + schemaFile);
    }
}
