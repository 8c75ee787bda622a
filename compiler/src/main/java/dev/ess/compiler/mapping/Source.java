package dev.ess.compiler.mapping;

import dev.ess.compiler.diagnostic.Position;

/** Where a mapped value comes from: an event field or a constant. */
public sealed interface Source permits FieldRef, Constant {

    Position position();

    /** How the source reads in a message. */
    String describe();
}
