// The syntax tree of RASP programs, built from the ANTLR parse tree.
#ifndef TFC_FRONTEND_RASP_AST_H
#define TFC_FRONTEND_RASP_AST_H

#include "frontend/rasp/Diagnostics.h"
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tfc::rasp {

enum class ExprKind {
  Int,       ///< intValue
  Float,     ///< floatValue
  String,    ///< text
  Name,      ///< text
  List,      ///< operands: the elements
  Dict,      ///< operands: key0, value0, key1, value1, ...
  ListComp,  ///< operands: element, iterable; names: the loop variables
  DictComp,  ///< operands: key, value, iterable; names
  Unary,     ///< text: "not", "-", "+"; operands: the operand
  Binary,    ///< text: the operator; operands: lhs, rhs
  Round,     ///< operands: x
  Indicator, ///< operands: x
  Ternary,   ///< operands: then, condition, else
  Select,    ///< text: the comparison; operands: keys, queries
  Aggregate, ///< operands: selector, values[, default]
  Range,     ///< operands: 1 to 3 bounds
  Zip,       ///< operands: the lists
  Len,       ///< operands: the list
  Index,     ///< operands: container, index
  Call,      ///< operands: callee, arguments...
  Contains,  ///< operands: element, container
};

struct Expr {
  ExprKind kind;
  SourceLocation loc;
  std::string text;
  int64_t intValue = 0;
  double floatValue = 0;
  std::vector<std::unique_ptr<Expr>> operands;
  std::vector<std::string> names;
};

enum class StmtKind {
  Assign,           ///< names = exprs
  Expr,             ///< exprs[0]
  Load,             ///< text: the file name without ".rasp"
  Draw,             ///< exprs: s-op[, input]
  FuncDef,          ///< text: name; names: parameters; body; exprs: returned values
  For,              ///< names: loop variables; exprs[0]: iterable; body
  SetExample,       ///< text: "", "s-op" or "selector"; exprs[0]: the example
  ShowExample,      ///< text
  ToggleExamples,   ///< text; flag: on
  ToggleSeqDisplay, ///< flag: on
  Exit,
};

struct Stmt {
  StmtKind kind;
  SourceLocation loc;
  std::string text;
  std::vector<std::string> names;
  std::vector<std::unique_ptr<Expr>> exprs;
  std::vector<std::shared_ptr<Stmt>> body;
  bool flag = false;
};

struct Program {
  std::shared_ptr<const SourceFile> file;
  std::vector<std::shared_ptr<Stmt>> statements;
};

} // namespace tfc::rasp

#endif
