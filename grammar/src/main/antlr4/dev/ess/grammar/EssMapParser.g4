/*
 * The ESS mapping language: each line maps one source (an event field or a constant),
 * optionally piped through built-in functions, to one element path of the partner's request.
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
    : NAME ( DOT NAME )*
    ;

call
    : NAME ( LPAREN ( argument ( COMMA argument )* )? RPAREN )?
    ;

argument
    : STRING        # stringArgument
    | NUMBER        # numberArgument
    ;

targetPath
    : NAME ( SLASH NAME )*
    ;
