package dev.ess.maven;

import dev.ess.compiler.CompilationResult;
import dev.ess.compiler.EssCompiler;
import dev.ess.compiler.diagnostic.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Compiles the ESS manifests, mappings and WSDLs of {@code src/main/ess} into connector classes,
 * JAX-WS stubs and their resources. Mistakes in the inputs fail the build with every diagnostic
 * listed; nothing is written while any error remains.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Tells an IDE's incremental build (Eclipse m2e) which folders changed. */
    @Component
    private BuildContext buildContext;

    /** Where the manifests ({@code *.yml}), mappings ({@code *.essmap}) and WSDLs are. */
    @Parameter(property = "ess.inputDirectory", defaultValue = "${project.basedir}/src/main/ess", required = true)
    private File inputDirectory;

    /** Where the generated Java sources go; added to the project's compile source roots. */
    @Parameter(property = "ess.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/ess",
            required = true)
    private File outputDirectory;

    /** Where the generated resources go (WSDL copies, service registrations); added as a resource folder. */
    @Parameter(property = "ess.resourcesDirectory",
            defaultValue = "${project.build.directory}/generated-resources/ess", required = true)
    private File resourcesDirectory;

    /** The base package: connectors go to {@code <package>.<id>}, stubs to {@code <package>.soap.<wsdl>}. */
    @Parameter(property = "ess.package", defaultValue = "ess.generated", required = true)
    private String packageName;

    /** Skips generation; the output folders are still registered with the build. */
    @Parameter(property = "ess.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        // Register the outputs first, so a skipped or up-to-date run still compiles and packages them.
        project.addCompileSourceRoot(outputDirectory.getPath());
        registerResources();
        if (skip) {
            getLog().info("ESS generation skipped (ess.skip)");
            return;
        }
        if (!inputDirectory.isDirectory()) {
            removeEarlierOutputs();
            return;
        }
        if (!PACKAGE.matcher(packageName).matches()) {
            throw new MojoFailureException("packageName '" + packageName + "' is not a Java package name");
        }
        long start = System.nanoTime();
        CompilationResult result = compile();
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Diagnostic diagnostic : result.diagnostics()) {
            if (diagnostic.isError()) {
                getLog().error(diagnostic.render());
            } else {
                getLog().warn(diagnostic.render());
            }
        }
        if (result.hasErrors()) {
            throw new MojoFailureException(failureMessage(result.errors()));
        }
        if (result.upToDate()) {
            getLog().info(String.format(Locale.ROOT, "ESS: up to date, nothing written (%d files in %s, %.2f s)",
                    result.generatedFiles().size(), relative(outputDirectory.toPath()), seconds));
            return;
        }
        getLog().info(String.format(Locale.ROOT,
                "ESS: %d files generated, %d written, wsimport run on %d WSDL(s), in %s (%.2f s, wsimport %.2f s)",
                result.generatedFiles().size(), result.changedFiles().size(), result.wsdlsImported(),
                relative(outputDirectory.toPath()), seconds, result.wsimportTime().toNanos() / 1e9));
        if (!result.changedFiles().isEmpty()) {
            buildContext.refresh(outputDirectory);
            buildContext.refresh(resourcesDirectory);
        }
    }

    /** The inputs are gone: so must be what they generated, or stale connectors would still be built. */
    private void removeEarlierOutputs() throws MojoExecutionException {
        try {
            List<Path> removed = EssCompiler.removeOutputs(outputDirectory.toPath(), resourcesDirectory.toPath());
            if (removed.isEmpty()) {
                getLog().info("No ESS inputs: " + relative(inputDirectory.toPath()) + " does not exist");
            } else {
                getLog().info(String.format("No ESS inputs: %s does not exist; removed the %d files generated earlier",
                        relative(inputDirectory.toPath()), removed.size()));
                buildContext.refresh(outputDirectory);
                buildContext.refresh(resourcesDirectory);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("ESS cannot remove its earlier output: " + e.getMessage(), e);
        }
    }

    private CompilationResult compile() throws MojoExecutionException {
        try {
            return new EssCompiler(project.getBasedir().toPath())
                    .compile(inputDirectory.toPath(), outputDirectory.toPath(), resourcesDirectory.toPath(), packageName);
        } catch (IOException e) {
            throw new MojoExecutionException("ESS cannot write its output: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("ESS compiler fault: " + e, e);
        }
    }

    private void registerResources() {
        String directory = resourcesDirectory.getPath();
        boolean registered = project.getResources().stream().anyMatch(r -> directory.equals(r.getDirectory()));
        if (!registered) {
            Resource resource = new Resource();
            resource.setDirectory(directory);
            resource.addExclude(".ess-generated");
            project.addResource(resource);
        }
    }

    /** Every error in full: the build's failure message must stand on its own. */
    static String failureMessage(List<Diagnostic> errors) {
        String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
        return "ESS found " + count + ":\n"
                + errors.stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
    }

    private String relative(Path path) {
        Path base = project.getBasedir().toPath();
        return path.startsWith(base) ? base.relativize(path).toString() : path.toString();
    }
}
