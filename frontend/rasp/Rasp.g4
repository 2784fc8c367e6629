// The RASP language ("Thinking Like Transformers"): statements, functions, loops, and
// expressions with RASP's precedence, tightest first. Compiled by the antlr4 tool at build time.
grammar Rasp;

@parser::members {
  /// True when the next token is the word `w`: REPL command words are checked this way, not
  /// reserved as keywords, so that programs can still name things `seq`, `full` or `set`.
  bool nextIs(const char *w) { return _input->LT(1)->getText() == w; }
}

program : statement* EOF ;

statement
  : idList '=' exprList ';'                                    # assignStatement
  | expr ';'                                                   # exprStatement
  | 'load' String ';'                                          # loadStatement
  | 'draw' '(' expr (',' expr)? ')' ';'                        # drawStatement
  | 'def' name=ID '(' idList? ')' '{' statement* returnStatement '}'  # funcDefStatement
  | 'for' idList 'in' expr '{' statement* '}'                  # forStatement
  | replCommand                                                # replStatement
  ;

// The REPL's commands, as RASP has them (none ends in ';').
replCommand
  : {nextIs("set")}? ID replKind? {nextIs("example")}? ID expr               # setExample
  | {nextIs("show")}? ID replKind? {nextIs("example")}? ID                   # showExample
  | replKind? {nextIs("examples")}? ID onOff                                 # toggleExamples
  | {nextIs("full")}? ID {nextIs("seq")}? ID {nextIs("display")}? ID onOff   # toggleSeqDisplay
  | {nextIs("exit") || nextIs("quit")}? ID ('(' ')')?                        # exitCommand
  ;
replKind : SOpWord | {nextIs("selector")}? ID ;
onOff : {nextIs("on") || nextIs("off")}? ID ;

returnStatement : 'return' exprList ';' ;

idList : ID (',' ID)* ;
exprList : expr (',' expr)* ;
namedExpr : key=expr ':' value=expr ;

expr
  : '(' expr ')'                                               # parenExpr
  | expr '[' expr ']'                                          # indexExpr
  | expr '(' exprList? ')'                                     # callExpr
  | op=('not' | '-' | '+') expr                                # unaryExpr
  | op=('round' | 'indicator') '(' expr ')'                    # roundExpr
  | expr op='^' expr                                           # binaryExpr
  | expr op=('*' | '/') expr                                   # binaryExpr
  | expr op='%' expr                                           # binaryExpr
  | expr op=('+' | '-') expr                                   # binaryExpr
  | expr op=('==' | '<=' | '>=' | '>' | '<') expr              # binaryExpr
  | 'select' '(' key=expr ',' query=expr ',' selop ')'         # selectExpr
  | expr op=('and' | 'or') expr                                # binaryExpr
  | <assoc=right> expr 'if' expr 'else' expr                   # ternaryExpr
  | 'aggregate' '(' expr ',' expr (',' expr)? ')'              # aggregateExpr
  | 'range' '(' exprList ')'                                   # rangeExpr
  | 'zip' '(' exprList ')'                                     # zipExpr
  | 'len' '(' expr ')'                                         # lenExpr
  | '[' exprList? ']'                                          # listExpr
  | '[' expr 'for' idList 'in' expr ']'                        # listCompExpr
  | '{' (namedExpr (',' namedExpr)*)? '}'                      # dictExpr
  | '{' namedExpr 'for' idList 'in' expr '}'                   # dictCompExpr
  | Float                                                      # floatExpr
  | PosInt                                                     # intExpr
  | String                                                     # stringExpr
  | ID                                                         # nameExpr
  | expr 'in' expr                                             # containsExpr
  ;

selop : '==' | '<' | '>' | '>=' | '<=' | '!=' ;

SOpWord : 's-op' ;
Float : [0-9]+ '.' [0-9]+ ;
PosInt : [0-9]+ ;
String : '"' ~["\r\n]* '"' ;
ID : [a-zA-Z_] [a-zA-Z_0-9]* ;
Comment : '#' ~[\r\n]* -> skip ;
WS : [ \t\r\n]+ -> skip ;
// A quote never closed on its line, and anything else unknown, are tokens of their own, so that the
// parser stops there with a position; Parser.cpp words their errors.
UnterminatedString : '"' ~["\r\n]* ;
Unknown : . ;
