package dev.ess.compiler.manifest;

import dev.ess.compiler.diagnostic.Position;

/**
 * One setting of a connector's spec, as its manifest declares it.
 *
 * @param method the {@code ConnectorSpec.Builder} method that takes it
 * @param value its argument
 * @param origin where the manifest writes it, for the generated code to cite
 */
public record SpecSetting(String method, SpecValue value, Position origin) {}
