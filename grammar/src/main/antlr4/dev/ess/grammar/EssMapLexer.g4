/*
 * Tokens of the ESS mapping language: one mapping a line, for example
 *
 *     street | trim | upper   -> Permit/Address/Street   # a comment
 *     items[].sku             -> Order/Item[]/SKU
 *     "open"                  -> Permit/@status
 *
 * Left of the arrow, names are event fields; right of it, a separate mode reads the names of
 * XML elements and attributes, which may hold '.', '-' and letters of any script.
 */
lexer grammar EssMapLexer;

ARROW   : '->' -> pushMode(TARGET) ;
PIPE    : '|' ;
LPAREN  : '(' ;
RPAREN  : ')' ;
COMMA   : ',' ;
DOT     : '.' ;
SLASH   : '/' ;
AT      : '@' ;
EACH    : '[]' ;

NUMBER  : '-'? DIGIT+ ( '.' DIGIT+ )? ;
// Any backslash pair is lexed here; the compiler reports escapes it does not know, at their spot.
STRING  : '"' ( ESCAPE | ~["\\\r\n] )* '"' ;
NAME    : [a-zA-Z_] [a-zA-Z0-9_]* ;

NEWLINE : '\r'? '\n' | '\r' ;
COMMENT : '#' ~[\r\n]* -> skip ;
SPACE   : [ \t\f]+ -> skip ;

// A string whose closing quote is missing: reported by the parser as such, not as stray characters.
UNTERMINATED_STRING : '"' ( ESCAPE | ~["\\\r\n] )* ;
// Anything else becomes a token the parser rejects, so every error is reported in one place.
UNKNOWN_CHAR : . ;

fragment DIGIT  : [0-9] ;
fragment ESCAPE : '\\' ~[\r\n] ;

mode TARGET;

XML_NAME       : XML_NAME_START XML_NAME_CHAR* -> type(NAME) ;
TARGET_SLASH   : '/' -> type(SLASH) ;
TARGET_AT      : '@' -> type(AT) ;
TARGET_EACH    : '[]' -> type(EACH) ;
TARGET_NEWLINE : ( '\r'? '\n' | '\r' ) -> type(NEWLINE), popMode ;
TARGET_COMMENT : '#' ~[\r\n]* -> skip ;
TARGET_SPACE   : [ \t\f]+ -> skip ;
TARGET_UNKNOWN : . -> type(UNKNOWN_CHAR) ;

// XML's NCName, without the rarely used combining ranges: what element and attribute names use.
fragment XML_NAME_START : [\p{L}_] ;
fragment XML_NAME_CHAR  : [\p{L}\p{N}_.\-] ;
