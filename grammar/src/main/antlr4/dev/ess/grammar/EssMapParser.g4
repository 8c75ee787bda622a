/*
 * The ESS mapping language: each line maps one source (an event field or a constant),
 * optionally piped through built-in functions, to one element or attribute of the partner's
 * request. '[]' marks a JSON array on the left and the repeated element it fills on the right.
 */
parser grammar EssMapParser;

options { tokenVocab = EssMapLexer; }

mappingFile
    : NEWLINE* ( mapping ( NEWLINE+ mapping )* NEWLINE* )? EOF
    ;

mapping
    : source ( PIPE call )* ARROW targetPath
    ;

source
    : fieldPath     # fieldSource
    | STRING        # stringSource
    | NUMBER        # numberSource
    ;

fieldPath
    : fieldSegment ( DOT fieldSegment )*
    ;

fieldSegment
    : NAME EACH?
    ;

call
    : NAME ( LPAREN ( argument ( COMMA argument )* )? RPAREN )?
    ;

argument
    : STRING        # stringArgument
    | NUMBER        # numberArgument
    ;

targetPath
    : targetSegment ( SLASH targetSegment )*
    ;

targetSegment
    : NAME EACH?    # elementSegment
    | AT NAME       # attributeSegment
    ;
