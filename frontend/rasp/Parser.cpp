// From the ANTLR parse tree of a RASP program to its syntax tree, with located syntax errors.
#include "frontend/rasp/Parser.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "RaspLexer.h"
#include "RaspParser.h"
#include "antlr4-runtime.h"

using namespace rasp_antlr;

namespace tfc::rasp {
namespace {

/// Remembers the furthest token the parser looked at. ANTLR raises a failed prediction at the
/// token where the decision began (the '+' of `1 + ;`), but users expect the error at the first
/// token that cannot continue the program, which is the furthest one examined.
class TrackingTokenStream : public antlr4::CommonTokenStream {
public:
  using antlr4::CommonTokenStream::CommonTokenStream;
  antlr4::Token *LT(ssize_t k) override {
    antlr4::Token *token = antlr4::CommonTokenStream::LT(k);
    if (token && (!furthest || token->getTokenIndex() > furthest->getTokenIndex()))
      furthest = token;
    return token;
  }
  antlr4::Token *furthest = nullptr;
};

/// Thrown by StopAtFirstError to abandon the parse.
struct FirstSyntaxError {
  antlr4::Token *furthest;
  std::string expected; // empty unless the parser wanted one of a few tokens right there
  std::string message;  // set for errors other than an unexpected token
};

constexpr int kMaxSignsPerStatement = 2000;

/// Refuses programs nested deeper than the parser's recursion can take: ANTLR parses nested
/// expressions by recursion, and so do the syntax-tree builder and the interpreter after it.
class NestingLimit : public antlr4::tree::ParseTreeListener {
public:
  explicit NestingLimit(antlr4::Parser &parser) : parser(parser) {}
  static constexpr int kMaxDepth = 1000;
  void enterEveryRule(antlr4::ParserRuleContext *) override {
    if (++depth > kMaxDepth)
      throw FirstSyntaxError{parser.getCurrentToken(), "", "the program nests too deeply"};
  }
  void exitEveryRule(antlr4::ParserRuleContext *) override { --depth; }
  void visitTerminal(antlr4::tree::TerminalNode *) override {}
  void visitErrorNode(antlr4::tree::ErrorNode *) override {}

private:
  antlr4::Parser &parser;
  int depth = 0;
};

/// Stops at the first parser error without recovering: recovery looks further ahead (which would
/// move the furthest token past the error) and only the first error is reported anyway.
class StopAtFirstError : public antlr4::DefaultErrorStrategy {
public:
  explicit StopAtFirstError(TrackingTokenStream &tokens) : tokens(tokens) {}
  void recover(antlr4::Parser *parser, std::exception_ptr) override { fail(parser); }
  antlr4::Token *recoverInline(antlr4::Parser *parser) override { fail(parser); }
  void sync(antlr4::Parser *) override {}

private:
  [[noreturn]] void fail(antlr4::Parser *parser) {
    FirstSyntaxError error{tokens.furthest, "", ""};
    antlr4::Token *current = parser->getCurrentToken();
    if (current == error.furthest) {
      antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
      if (expected.size() <= 4)
        error.expected = expected.toString(parser->getVocabulary());
    }
    throw error;
  }
  TrackingTokenStream &tokens;
};

/// The offset of the first byte that is not part of well-formed UTF-8, or npos. ANTLR's input
/// stream throws on such bytes without saying where they are.
size_t firstInvalidUtf8(const std::string &text) {
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3
                                    : (byte >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size())
      return i;
    for (size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2)
        return i;
    i += length;
  }
  return std::string::npos;
}

class Builder {
public:
  explicit Builder(std::shared_ptr<const SourceFile> file) : file(std::move(file)) {}

  SourceLocation loc(antlr4::Token *token) const {
    return SourceLocation{file, static_cast<int>(token->getLine()),
                          static_cast<int>(token->getCharPositionInLine()) + 1};
  }
  SourceLocation loc(antlr4::ParserRuleContext *ctx) const { return loc(ctx->getStart()); }

  std::vector<std::string> ids(RaspParser::IdListContext *ctx) {
    std::vector<std::string> result;
    if (ctx)
      for (auto *id : ctx->ID())
        result.push_back(id->getText());
    return result;
  }

  std::vector<std::unique_ptr<Expr>> exprs(RaspParser::ExprListContext *ctx) {
    std::vector<std::unique_ptr<Expr>> result;
    if (ctx)
      for (auto *e : ctx->expr())
        result.push_back(expr(e));
    return result;
  }

  std::unique_ptr<Expr> make(ExprKind kind, antlr4::ParserRuleContext *ctx) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->loc = loc(ctx);
    return e;
  }

  std::unique_ptr<Expr> make(ExprKind kind, antlr4::ParserRuleContext *ctx,
                             std::vector<RaspParser::ExprContext *> operands) {
    auto e = make(kind, ctx);
    for (auto *o : operands)
      e->operands.push_back(expr(o));
    return e;
  }

  std::unique_ptr<Expr> expr(RaspParser::ExprContext *ctx) {
    using P = RaspParser;
    if (auto *c = dynamic_cast<P::ParenExprContext *>(ctx))
      return expr(c->expr());
    if (auto *c = dynamic_cast<P::IndexExprContext *>(ctx))
      return make(ExprKind::Index, ctx, c->expr());
    if (auto *c = dynamic_cast<P::CallExprContext *>(ctx)) {
      auto e = make(ExprKind::Call, ctx, {c->expr()});
      for (auto &a : exprs(c->exprList()))
        e->operands.push_back(std::move(a));
      return e;
    }
    if (auto *c = dynamic_cast<P::UnaryExprContext *>(ctx)) {
      auto e = make(ExprKind::Unary, ctx, {c->expr()});
      e->text = c->op->getText();
      return e;
    }
    if (auto *c = dynamic_cast<P::RoundExprContext *>(ctx))
      return make(c->op->getText() == "round" ? ExprKind::Round : ExprKind::Indicator, ctx,
                  {c->expr()});
    if (auto *c = dynamic_cast<P::BinaryExprContext *>(ctx)) {
      auto e = make(ExprKind::Binary, ctx, c->expr());
      e->text = c->op->getText();
      e->loc = loc(c->op); // the operator is the most useful place to point at
      return e;
    }
    if (auto *c = dynamic_cast<P::SelectExprContext *>(ctx)) {
      auto e = make(ExprKind::Select, ctx, {c->key, c->query});
      e->text = c->selop()->getText();
      return e;
    }
    if (auto *c = dynamic_cast<P::TernaryExprContext *>(ctx))
      return make(ExprKind::Ternary, ctx, c->expr());
    if (auto *c = dynamic_cast<P::AggregateExprContext *>(ctx))
      return make(ExprKind::Aggregate, ctx, c->expr());
    if (auto *c = dynamic_cast<P::RangeExprContext *>(ctx)) {
      auto e = make(ExprKind::Range, ctx);
      e->operands = exprs(c->exprList());
      return e;
    }
    if (auto *c = dynamic_cast<P::ZipExprContext *>(ctx)) {
      auto e = make(ExprKind::Zip, ctx);
      e->operands = exprs(c->exprList());
      return e;
    }
    if (auto *c = dynamic_cast<P::LenExprContext *>(ctx))
      return make(ExprKind::Len, ctx, {c->expr()});
    if (auto *c = dynamic_cast<P::ListExprContext *>(ctx)) {
      auto e = make(ExprKind::List, ctx);
      e->operands = exprs(c->exprList());
      return e;
    }
    if (auto *c = dynamic_cast<P::ListCompExprContext *>(ctx)) {
      auto e = make(ExprKind::ListComp, ctx, c->expr());
      e->names = ids(c->idList());
      return e;
    }
    if (auto *c = dynamic_cast<P::DictExprContext *>(ctx)) {
      auto e = make(ExprKind::Dict, ctx);
      for (auto *n : c->namedExpr()) {
        e->operands.push_back(expr(n->key));
        e->operands.push_back(expr(n->value));
      }
      return e;
    }
    if (auto *c = dynamic_cast<P::DictCompExprContext *>(ctx)) {
      auto e = make(ExprKind::DictComp, ctx,
                    {c->namedExpr()->key, c->namedExpr()->value, c->expr()});
      e->names = ids(c->idList());
      return e;
    }
    if (auto *c = dynamic_cast<P::FloatExprContext *>(ctx)) {
      auto e = make(ExprKind::Float, ctx);
      e->floatValue = std::strtod(c->getText().c_str(), nullptr);
      return e;
    }
    if (auto *c = dynamic_cast<P::IntExprContext *>(ctx)) {
      auto e = make(ExprKind::Int, ctx);
      errno = 0;
      unsigned long long v = std::strtoull(c->getText().c_str(), nullptr, 10);
      if (errno == ERANGE || v > static_cast<unsigned long long>(INT64_MAX))
        throw RaspError(e->loc, "integer literal " + c->getText() +
                                    " does not fit in 64 bits");
      e->intValue = static_cast<int64_t>(v);
      return e;
    }
    if (auto *c = dynamic_cast<P::StringExprContext *>(ctx)) {
      auto e = make(ExprKind::String, ctx);
      std::string text = c->getText();
      e->text = text.substr(1, text.size() - 2);
      return e;
    }
    if (auto *c = dynamic_cast<P::NameExprContext *>(ctx)) {
      auto e = make(ExprKind::Name, ctx);
      e->text = c->getText();
      return e;
    }
    if (auto *c = dynamic_cast<P::ContainsExprContext *>(ctx)) {
      auto e = make(ExprKind::Contains, ctx, c->expr());
      return e;
    }
    throw RaspError(loc(ctx), "unsupported expression");
  }

  std::shared_ptr<Stmt> make(StmtKind kind, antlr4::ParserRuleContext *ctx) {
    auto s = std::make_shared<Stmt>();
    s->kind = kind;
    s->loc = loc(ctx);
    return s;
  }

  std::shared_ptr<Stmt> replCommand(RaspParser::ReplCommandContext *ctx) {
    using P = RaspParser;
    auto kindOf = [](P::ReplKindContext *k) { return k ? k->getText() : std::string(); };
    if (auto *c = dynamic_cast<P::SetExampleContext *>(ctx)) {
      auto s = make(StmtKind::SetExample, ctx);
      s->text = kindOf(c->replKind());
      s->exprs.push_back(expr(c->expr()));
      return s;
    }
    if (auto *c = dynamic_cast<P::ShowExampleContext *>(ctx)) {
      auto s = make(StmtKind::ShowExample, ctx);
      s->text = kindOf(c->replKind());
      return s;
    }
    if (auto *c = dynamic_cast<P::ToggleExamplesContext *>(ctx)) {
      auto s = make(StmtKind::ToggleExamples, ctx);
      s->text = kindOf(c->replKind());
      s->flag = c->onOff()->getText() == "on";
      return s;
    }
    if (auto *c = dynamic_cast<P::ToggleSeqDisplayContext *>(ctx)) {
      auto s = make(StmtKind::ToggleSeqDisplay, ctx);
      s->flag = c->onOff()->getText() == "on";
      return s;
    }
    return make(StmtKind::Exit, ctx);
  }

  std::shared_ptr<Stmt> statement(RaspParser::StatementContext *ctx) {
    using P = RaspParser;
    if (auto *c = dynamic_cast<P::AssignStatementContext *>(ctx)) {
      auto s = make(StmtKind::Assign, ctx);
      s->names = ids(c->idList());
      s->exprs = exprs(c->exprList());
      return s;
    }
    if (auto *c = dynamic_cast<P::ExprStatementContext *>(ctx)) {
      auto s = make(StmtKind::Expr, ctx);
      s->exprs.push_back(expr(c->expr()));
      return s;
    }
    if (auto *c = dynamic_cast<P::LoadStatementContext *>(ctx)) {
      auto s = make(StmtKind::Load, ctx);
      std::string text = c->String()->getText();
      s->text = text.substr(1, text.size() - 2);
      return s;
    }
    if (auto *c = dynamic_cast<P::DrawStatementContext *>(ctx)) {
      auto s = make(StmtKind::Draw, ctx);
      for (auto *e : c->expr())
        s->exprs.push_back(expr(e));
      return s;
    }
    if (auto *c = dynamic_cast<P::FuncDefStatementContext *>(ctx)) {
      auto s = make(StmtKind::FuncDef, ctx);
      s->text = c->name->getText();
      s->names = ids(c->idList());
      for (auto *b : c->statement())
        s->body.push_back(statement(b));
      s->exprs = exprs(c->returnStatement()->exprList());
      return s;
    }
    if (auto *c = dynamic_cast<P::ForStatementContext *>(ctx)) {
      auto s = make(StmtKind::For, ctx);
      s->names = ids(c->idList());
      s->exprs.push_back(expr(c->expr()));
      for (auto *b : c->statement())
        s->body.push_back(statement(b));
      return s;
    }
    if (auto *c = dynamic_cast<P::ReplStatementContext *>(ctx))
      return replCommand(c->replCommand());
    throw RaspError(loc(ctx), "unsupported statement");
  }

  std::shared_ptr<const SourceFile> file;
};

} // namespace

ParseResult parseProgram(std::shared_ptr<const SourceFile> file) {
  ParseResult result;
  try {
    if (size_t bad = firstInvalidUtf8(file->text); bad != std::string::npos) {
      int line = 1 + static_cast<int>(std::count(file->text.begin(), file->text.begin() + bad, '\n'));
      size_t lineStart = bad == 0 ? std::string::npos : file->text.rfind('\n', bad - 1);
      lineStart = lineStart == std::string::npos ? 0 : lineStart + 1;
      // The column counts code points, as everywhere else: continuation bytes do not count.
      int column = 1;
      for (size_t i = lineStart; i < bad; ++i)
        if ((static_cast<unsigned char>(file->text[i]) & 0xC0) != 0x80)
          ++column;
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(file->text[bad]));
      result.error = formatError(SourceLocation{file, line, column},
                                 std::string("invalid UTF-8 byte ") + hex);
      return result;
    }
    antlr4::ANTLRInputStream input(file->text);
    RaspLexer lexer(&input);
    // The lexer never fails: a catch-all token (Unknown) hands anything it does not know to
    // the parser, which reports it with a position.
    lexer.removeErrorListeners();
    TrackingTokenStream tokens(&lexer);
    RaspParser parser(&tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(std::make_shared<StopAtFirstError>(tokens));
    NestingLimit nesting(parser);
    parser.addParseListener(&nesting);
    // ANTLR predicts each `+` or `-` of a chain by looking along the chain, because both are
    // also prefix operators; a chain of n of them parses in O(n^2). Refuse absurd chains
    // instead of taking minutes over them.
    tokens.fill();
    int signs = 0;
    for (antlr4::Token *t : tokens.getTokens()) {
      std::string text = t->getText();
      if (text == ";" || text == "{" || text == "}")
        signs = 0;
      else if ((text == "+" || text == "-") && ++signs > kMaxSignsPerStatement) {
        result.error = formatError(
            SourceLocation{file, static_cast<int>(t->getLine()),
                           static_cast<int>(t->getCharPositionInLine()) + 1},
            "not supported: more than " + std::to_string(kMaxSignsPerStatement) +
                " + and - operators in one statement; split it");
        return result;
      }
    }
    tokens.reset();
    tokens.furthest = nullptr;
    RaspParser::ProgramContext *tree = nullptr;
    std::optional<FirstSyntaxError> syntaxError;
    try {
      tree = parser.program();
    } catch (const FirstSyntaxError &e) {
      syntaxError = e;
    }
    if (syntaxError) {
      antlr4::Token *at = syntaxError->furthest;
      SourceLocation where{file, static_cast<int>(at->getLine()),
                           static_cast<int>(at->getCharPositionInLine()) + 1};
      std::string message = "syntax error: ";
      if (!syntaxError->message.empty()) {
        message += syntaxError->message;
      } else if (at->getType() == RaspLexer::UnterminatedString) {
        message += "unterminated string literal";
      } else if (at->getType() == RaspLexer::Unknown) {
        message += "unexpected character '" + at->getText() + "'";
      } else if (at->getType() == antlr4::Token::EOF) {
        result.incomplete = true;
        message += "unexpected end of input";
        // Point just past the last token rather than at an empty line after it.
        if (at->getTokenIndex() > 0) {
          antlr4::Token *last = tokens.get(at->getTokenIndex() - 1);
          where.line = static_cast<int>(last->getLine());
          where.column = static_cast<int>(last->getCharPositionInLine() +
                                           last->getText().size()) + 1;
        }
      } else {
        message += "unexpected '" + at->getText() + "'";
      }
      if (!syntaxError->expected.empty())
        message += ", expected " + syntaxError->expected;
      result.error = formatError(where, message);
      return result;
    }
    Builder builder(file);
    auto program = std::make_unique<Program>();
    program->file = file;
    for (auto *s : tree->statement())
      program->statements.push_back(builder.statement(s));
    result.program = std::move(program);
  } catch (const RaspError &e) {
    result.error = formatError(e.loc, e.what());
  } catch (const std::exception &e) {
    result.error = formatError(SourceLocation{file, 0, 0}, std::string("parse failed: ") + e.what());
  }
  return result;
}

} // namespace tfc::rasp
