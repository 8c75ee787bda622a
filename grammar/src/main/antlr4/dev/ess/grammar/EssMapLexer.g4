/*
 * Tokens of the ESS mapping language: one mapping a line, for example
 *
 *     street | trim | upper   -> Permit/Address/Street   # a comment
 */
lexer grammar EssMapLexer;

ARROW   : '->' ;
PIPE    : '|' ;
LPAREN  : '(' ;
RPAREN  : ')' ;
COMMA   : ',' ;
DOT     : '.' ;
SLASH   : '/' ;

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
