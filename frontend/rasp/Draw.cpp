// Computation-flow drawings: DOT generation and rendering with graphviz.
#include "frontend/rasp/Draw.h"
#include "frontend/rasp/Analysis.h"
#include "frontend/rasp/Display.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace tfc::rasp {

namespace {

std::string escape(const std::string &s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '{' || c == '}' || c == '<' || c == '>' || c == '|')
      out += '\\';
    out += c;
  }
  return out;
}

const char *kindLabel(const SOp &s) {
  switch (s.kind) {
  case SOp::Kind::Tokens: return "input";
  case SOp::Kind::Indices: return "input";
  case SOp::Kind::Length: return "attention (length)";
  case SOp::Kind::Full: return "constant";
  case SOp::Kind::Map: return "feed-forward";
  case SOp::Kind::Aggregate: return "attention (aggregate)";
  case SOp::Kind::SelectorWidth: return "attention (selector width)";
  }
  return "";
}

} // namespace

std::string computationFlowDot(const SOpPtr &root, Evaluator &evaluator) {
  LayerAnalysis analysis = analyseLayers(root);
  std::vector<std::vector<std::string>> clusters(analysis.layers + 1);
  std::string edges;
  std::vector<const SOp *> sops;
  std::vector<const Selector *> sels;
  for (const GraphNode &n : topologicalOrder(GraphNode{root.get(), nullptr})) {
    if (n.sop)
      sops.push_back(n.sop);
    else
      sels.push_back(n.selector);
  }
  for (const SOp *s : sops) {
    std::string values;
    try {
      values = sequenceString(evaluator.sop(*s));
    } catch (const RaspError &e) {
      values = std::string("(fails: ") + e.what() + ")";
    }
    std::string node = "  n" + std::to_string(s->id) + " [shape=box, style=\"rounded,filled\", " +
                       "fillcolor=\"" + (s->kind == SOp::Kind::Map ? "#e8f0ff" : s->kind == SOp::Kind::Aggregate || s->kind == SOp::Kind::SelectorWidth || s->kind == SOp::Kind::Length ? "#ffeacc" : "#eeeeee") +
                       "\", label=\"" + escape(s->name) + "\\n" + kindLabel(*s) + "\\n" +
                       escape(values) + "\"];\n";
    clusters[analysis.depth[s->id]].push_back(node);
    for (const SOpPtr &x : s->inputs)
      edges += "  n" + std::to_string(x->id) + " -> n" + std::to_string(s->id) + ";\n";
    if (s->selector)
      edges += "  n" + std::to_string(s->selector->id) + " -> n" + std::to_string(s->id) +
               " [style=dashed];\n";
  }
  for (const Selector *s : sels) {
    std::string matrix;
    try {
      const Matrix &m = evaluator.selector(*s);
      for (const auto &row : m) {
        for (bool b : row)
          matrix += b ? "1" : ".";
        matrix += "\\l";
      }
    } catch (const RaspError &e) {
      matrix = std::string("(fails: ") + e.what() + ")";
    }
    std::string what = s->kind == Selector::Kind::Select ? "select key " + s->predicate + " query"
                       : s->kind == Selector::Kind::And  ? "and"
                       : s->kind == Selector::Kind::Or   ? "or"
                                                         : "not";
    std::string node = "  n" + std::to_string(s->id) +
                       " [shape=ellipse, style=filled, fillcolor=\"#e6f7e6\", label=\"" +
                       escape(s->name) + "\\n" + escape(what) + "\\n" + matrix + "\"];\n";
    clusters[analysis.depth[s->id]].push_back(node);
    if (s->keys)
      edges += "  n" + std::to_string(s->keys->id) + " -> n" + std::to_string(s->id) +
               " [label=\"keys\"];\n";
    if (s->queries && s->queries != s->keys)
      edges += "  n" + std::to_string(s->queries->id) + " -> n" + std::to_string(s->id) +
               " [label=\"queries\"];\n";
    for (const Selector *x : {s->lhs.get(), s->rhs.get()})
      if (x)
        edges += "  n" + std::to_string(x->id) + " -> n" + std::to_string(s->id) + ";\n";
  }
  std::string dot = "digraph rasp {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n"
                    "  label=\"" + escape(root->name) + ": " + std::to_string(analysis.layers) +
                    " layers\";\n";
  for (size_t d = 0; d < clusters.size(); ++d) {
    if (clusters[d].empty())
      continue;
    size_t heads = d ? analysis.heads[d - 1].size() : 0;
    dot += "  subgraph cluster_" + std::to_string(d) + " {\n    label=\"" +
           (d ? "layer " + std::to_string(d) + " (" + std::to_string(heads) +
                    (heads == 1 ? " head)" : " heads)")
              : std::string("inputs and embedding-time maps")) +
           "\";\n    style=dashed;\n";
    for (const std::string &n : clusters[d])
      dot += "  " + n;
    dot += "  }\n";
  }
  return dot + edges + "}\n";
}

bool renderSvg(const std::string &dot, const std::string &path, std::string &error) {
  std::string dotFile = path + ".dot.tmp", svgFile = path + ".tmp";
  {
    std::ofstream out(dotFile);
    out << dot;
    out.close();
    if (!out) {
      error = path + ": cannot write: " + std::strerror(errno);
      std::remove(dotFile.c_str());
      return false;
    }
  }
  const char *argv[] = {"dot", "-Tsvg", dotFile.c_str(), "-o", svgFile.c_str(), nullptr};
  pid_t pid;
  int status = -1;
  if (posix_spawnp(&pid, "dot", nullptr, nullptr, const_cast<char **>(argv), environ) != 0) {
    std::remove(dotFile.c_str());
    error = "--draw needs graphviz's `dot` on PATH (Debian package graphviz)";
    return false;
  }
  waitpid(pid, &status, 0);
  std::remove(dotFile.c_str());
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::remove(svgFile.c_str());
    error = "graphviz's dot failed to render the drawing";
    return false;
  }
  if (std::rename(svgFile.c_str(), path.c_str()) != 0) {
    error = path + ": cannot write: " + std::strerror(errno);
    std::remove(svgFile.c_str());
    return false;
  }
  return true;
}

} // namespace tfc::rasp
