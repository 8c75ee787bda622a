package dev.ess.compiler.manifest;

/** Where a connector's mapping is written: in a file beside the manifest, or in the manifest itself. */
public sealed interface MappingSource {

    /** @param name the mapping file's name, relative to the manifest's folder */
    record File(String name) implements MappingSource {}

    /**
     * @param text the manifest's text with every line but the mapping's blanked, so that the
     *     mapping parser's positions point into the manifest
     */
    record Inline(String text) implements MappingSource {}
}
