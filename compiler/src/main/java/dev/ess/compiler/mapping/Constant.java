package dev.ess.compiler.mapping;

/** A literal value: a mapping source or a function argument. */
public sealed interface Constant extends Source permits StringConstant, NumberConstant {}
