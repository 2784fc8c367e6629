// `tfc rasp`: running programs, printing named s-ops, layers, drawings, and the REPL.
#include "frontend/rasp/Session.h"
#include "frontend/rasp/Analysis.h"
#include "frontend/rasp/Display.h"
#include "frontend/rasp/Draw.h"
#include "frontend/rasp/Evaluate.h"
#include "frontend/rasp/Interpreter.h"
#include "frontend/rasp/Parser.h"

#include <iostream>

namespace tfc::rasp {

namespace {
/// Runs `body`, turning any error into a formatted message: RaspErrors with their location,
/// anything else (which would be a bug) as an internal error, never an escaping exception.
template <typename Body>
bool guarded(std::string &error, Body body) {
  try {
    return body();
  } catch (const RaspError &e) {
    error = formatError(e.loc, e.what());
  } catch (const std::exception &e) {
    error = std::string("tfc: internal error: ") + e.what() + "\n";
  }
  return false;
}
} // namespace

Session::Session() : example(Atom::ofString("hello")) {}
Session::~Session() = default;

std::unique_ptr<Session> Session::create(std::string &error) {
  std::unique_ptr<Session> session(new Session());
  try {
    session->interp = std::make_unique<Interpreter>();
  } catch (const RaspError &e) {
    error = formatError(e.loc, e.what());
    return nullptr;
  } catch (const std::exception &e) {
    error = std::string("tfc: internal error: ") + e.what() + "\n";
    return nullptr;
  }
  return session;
}

bool Session::runFile(const std::string &path, std::string &error) {
  std::string reason;
  std::shared_ptr<SourceFile> file = readSourceFile(path, reason);
  if (!file) {
    error = path + ": error: cannot read the file: " + reason + "\n";
    return false;
  }
  ParseResult parsed = parseProgram(file);
  if (!parsed.program) {
    error = parsed.error;
    return false;
  }
  return guarded(error, [&] {
    interp->run(std::shared_ptr<const Program>(std::move(parsed.program)));
    return true;
  });
}

bool Session::setExample(const std::string &text, std::string &error) {
  if (text.empty() || text[0] != '[') {
    example = Atom::ofString(text);
    return true;
  }
  auto file = std::make_shared<SourceFile>();
  file->name = "--input";
  file->text = text + ";";
  ParseResult parsed = parseProgram(file);
  if (!parsed.program || parsed.program->statements.size() != 1 ||
      parsed.program->statements[0]->kind != StmtKind::Expr) {
    error = parsed.program ? formatError(SourceLocation{file, 1, 1},
                                         "the input must be a string or a list of atoms")
                           : parsed.error;
    return false;
  }
  return guarded(error, [&] {
    Value v = interp->evaluate(*parsed.program->statements[0]->exprs[0]);
    exampleToSequence(v, SourceLocation{file, 1, 1});
    example = v;
    return true;
  });
}

namespace {

/// Evaluation errors of library nodes (tokens_int, ...) have no location of their own: the
/// statement that named the value stands in for them.
std::string evaluationError(const RaspError &e, const SourceLocation &fallback) {
  return formatError(e.loc.file ? e.loc : fallback, e.what());
}

SourceLocation assignmentLocation(const Value &v) {
  if (v.isSOp())
    return v.sop()->loc;
  if (v.isSelector())
    return v.selector()->loc;
  return {};
}

} // namespace

bool Session::printNamed(std::ostream &out, bool showSelectors, std::string &error) {
  Environment &scope = interp->mainScope();
  std::string quoted = exampleString(example);
  return guarded(error, [&] {
    Evaluator evaluator(exampleToSequence(example, {}));
    for (const std::string &name : scope.order()) {
      const Value &v = *scope.local(name);
      try {
        // Evaluate before printing, so that an error does not leave half a line on stdout.
        if (v.isSOp()) {
          std::string values = sequenceString(evaluator.sop(v.sop()));
          out << name << "(" << quoted << ") = " << values << "\n";
        } else if (v.isSelector() && showSelectors) {
          std::string matrix =
              selectorString(evaluator.rawInput(), evaluator.selector(v.selector()), "    ");
          out << name << "(" << quoted << ") =\n" << matrix;
        }
      } catch (const RaspError &e) {
        // Library nodes (tokens_int, ...) have no location: the assignment stands in.
        throw RaspError(e.loc.file ? e.loc : assignmentLocation(v), e.what());
      }
    }
    return true;
  });
}

SOpPtr Session::outputSOp(const std::string &name, std::string &error) {
  Environment &scope = interp->mainScope();
  if (!name.empty()) {
    const Value *v = scope.lookup(name);
    if (!v || !v->isSOp()) {
      error = "tfc: error: the program defines no s-op named '" + name + "'\n";
      return nullptr;
    }
    return v->sop();
  }
  const auto &order = scope.order();
  for (auto it = order.rbegin(); it != order.rend(); ++it)
    if (scope.local(*it)->isSOp())
      return scope.local(*it)->sop();
  error = "tfc: error: the program assigns no s-op to analyse\n";
  return nullptr;
}

void Session::printLayers(const SOpPtr &sop, std::ostream &out) {
  LayerAnalysis a = analyseLayers(sop);
  out << sop->name << ": " << a.layers << (a.layers == 1 ? " layer" : " layers");
  if (a.layers) {
    out << ", heads per layer:";
    for (size_t l = 0; l < a.heads.size(); ++l)
      out << (l ? ", " : " ") << a.heads[l].size();
  }
  out << "\n";
  for (size_t l = 0; l < a.heads.size(); ++l) {
    out << "  layer " << l + 1 << ":";
    for (size_t h = 0; h < a.heads[l].size(); ++h)
      out << (h ? "; " : " ") << describeSelector(*a.heads[l][h]);
    out << "\n";
  }
}

bool Session::draw(const SOpPtr &sop, const std::string &path, std::string &error) {
  return guarded(error, [&] {
    Evaluator evaluator(exampleToSequence(example, {}));
    return renderSvg(computationFlowDot(sop, evaluator), path, error);
  });
}

//===----------------------------------------------------------------------===//
// The REPL
//===----------------------------------------------------------------------===//

namespace {

/// Prints what each statement of the REPL did, as RASP's REPL does.
class ReplPrinter : public StatementObserver {
public:
  ReplPrinter(std::ostream &out, Value &example, Interpreter &interp, bool drawToFiles)
      : out(out), example(example), interp(interp), drawToFiles(drawToFiles) {}

  void assigned(const std::string &name, const Value &v, const Stmt &stmt) override {
    show(name, v, stmt.loc);
  }
  void evaluated(const Value &v, const Stmt &stmt) override {
    const auto &app = interp.lastApplication;
    if (app && v.isList() && app->result == v.list().get()) {
      if (app->isSelector)
        out << "\t =\n" << selectorString(app->input, app->matrix, "\t\t ");
      else
        out << "\t =  " << sequenceString(app->values) << "\n";
      return;
    }
    show("out", v, stmt.loc);
  }
  void defined(const FunctionPtr &fn, const Stmt &stmt) override {
    out << "     " << fn->owner << " function: " << fn->name << "(";
    for (size_t i = 0; i < stmt.names.size(); ++i)
      out << (i ? ", " : "") << stmt.names[i];
    out << ")\n";
  }
  void draw(const SOpPtr &sop, const Value *input, const Stmt &stmt) override {
    try {
      Evaluator evaluator(exampleToSequence(input ? *input : example, stmt.loc));
      std::string dot = computationFlowDot(sop, evaluator);
      if (!drawToFiles)
        return;
      // The file is named after the s-op, with only characters safe in a file name.
      std::string path = sop->name, error;
      for (char &c : path)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-')
          c = '_';
      path += ".svg";
      if (!renderSvg(dot, path, error))
        out << "tfc: error: " << error << "\n";
      else
        out << "     drew " << sop->name << " to " << path << "\n";
    } catch (const RaspError &e) {
      out << formatError(e.loc.file ? e.loc : stmt.loc, e.what());
    }
  }
  void replCommand(const Stmt &stmt, const Value *value) override {
    switch (stmt.kind) {
    case StmtKind::SetExample:
      try {
        exampleToSequence(*value, stmt.loc);
        example = *value;
      } catch (const RaspError &e) {
        out << formatError(e.loc, e.what());
      }
      return;
    case StmtKind::ShowExample:
      out << "\t" << (stmt.text.empty() ? "example" : stmt.text + " example") << ": "
          << exampleString(example) << "\n";
      return;
    case StmtKind::ToggleExamples:
      if (stmt.text != "selector")
        showSOpExamples = stmt.flag;
      if (stmt.text != "s-op")
        showSelectorExamples = stmt.flag;
      return;
    case StmtKind::ToggleSeqDisplay:
      verbose = stmt.flag;
      return;
    default:
      return;
    }
  }

private:
  void show(const std::string &name, const Value &v, const SourceLocation &loc) {
    if (v.isSOp()) {
      out << "     s-op: " << name << "\n";
      if (!showSOpExamples)
        return;
      try {
        Evaluator evaluator(exampleToSequence(example, loc));
        const Sequence &values = evaluator.sop(v.sop());
        if (verbose) {
          out << " \t Example:\n\t\t input:  " << sequenceString(evaluator.rawInput())
              << "\n\t\t output: " << sequenceString(values) << "\n";
        } else {
          out << " \t Example: " << name << "(" << exampleString(example)
              << ") = " << sequenceString(values) << "\n";
        }
      } catch (const RaspError &e) {
        out << evaluationError(e, loc);
      }
      return;
    }
    if (v.isSelector()) {
      out << "     selector: " << name << "\n";
      if (!showSelectorExamples)
        return;
      try {
        Evaluator evaluator(exampleToSequence(example, loc));
        const Matrix &m = evaluator.selector(v.selector());
        out << " \t Example:\n" << selectorString(evaluator.rawInput(), m, "\t\t ");
      } catch (const RaspError &e) {
        out << evaluationError(e, loc);
      }
      return;
    }
    if (v.isFunction() || v.isBuiltin()) {
      out << "     function: " << name << "\n";
      return;
    }
    if (v.isList()) {
      out << "     list: " << name << " = " << v.describe() << "\n";
      return;
    }
    if (v.isDict()) {
      out << "     dict: " << name << " = " << v.describe() << "\n";
      return;
    }
    out << "     value: " << name << " = " << v.describe() << "\n";
  }

  std::ostream &out;
  Value &example;
  Interpreter &interp;
  bool drawToFiles;
  bool showSOpExamples = true, showSelectorExamples = true, verbose = false;
};

} // namespace

void Session::repl(std::istream &in, std::ostream &out, bool interactive) {
  ReplPrinter printer(out, example, *interp, drawToFiles);
  if (interactive)
    out << "tfc rasp: the RASP REPL (exit or Ctrl-D to leave); running example: "
        << exampleString(example) << "\n";
  std::string pending, line;
  int firstLine = 1, lineNo = 0;
  while (true) {
    if (interactive)
      out << (pending.empty() ? ">> " : ".. ") << std::flush;
    if (!std::getline(in, line))
      break;
    ++lineNo;
    if (pending.empty()) {
      firstLine = lineNo;
      // Lines before this statement are kept as blank lines so that errors carry the line
      // numbers of the whole session.
      pending.assign(firstLine - 1, '\n');
    }
    pending += line + "\n";
    auto file = std::make_shared<SourceFile>();
    file->name = "<stdin>";
    file->text = pending;
    ParseResult parsed = parseProgram(file);
    if (!parsed.program && parsed.incomplete)
      continue; // the statement goes on on the next line
    pending.clear();
    if (!parsed.program) {
      out << parsed.error;
      continue;
    }
    std::string error;
    if (!guarded(error, [&] {
          interp->run(std::shared_ptr<const Program>(std::move(parsed.program)), &printer);
          return true;
        }))
      out << error;
    if (interp->exited())
      return;
  }
  if (!pending.empty() && pending.find_first_not_of(" \t\r\n") != std::string::npos) {
    auto file = std::make_shared<SourceFile>();
    file->name = "<stdin>";
    file->text = pending;
    out << parseProgram(file).error;
  }
}

} // namespace tfc::rasp
