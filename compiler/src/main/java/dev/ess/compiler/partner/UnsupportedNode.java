package dev.ess.compiler.partner;

import dev.ess.compiler.diagnostic.Position;

/**
 * A place a mapping cannot fill: {@code xs:any}, a substitution group, mixed content, an
 * {@code xs:list} value. It is listed so that a mapping naming it gets a clear reason.
 *
 * @param what what it is, for the message
 * @param advice what a user can do instead
 */
public record UnsupportedNode(String name, Occurs occurs, boolean nillable, Slot slot, Choice choice,
        Position position, String what, String advice) implements TargetNode {}
