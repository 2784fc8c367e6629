// ONNX export of compiled RASP transformers: the same graph as the tfc emitter (Gather
// embeddings, multi-head attention with Reshape/Transpose, ReLU MLPs, MatMul unembedding),
// with only opset 17 ops so that any ONNX runtime runs it.
#include "passes/Target/ONNX/ExportTransformer.h"

#include <onnx/onnx_pb.h>

#include <cstdio>
#include <fstream>

namespace tfc::rasp {
namespace {

class GraphWriter {
public:
  explicit GraphWriter(onnx::GraphProto &graph) : graph(graph) {}

  std::string floats(const std::string &name, std::vector<int64_t> shape,
                     const std::vector<double> &values) {
    onnx::TensorProto *t = graph.add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t d : shape)
      t->add_dims(d);
    for (double v : values)
      t->add_float_data(static_cast<float>(v));
    return name;
  }
  std::string matrix(const std::string &name, const WeightMatrix &m) {
    return floats(name, {m.rows, m.cols}, m.data);
  }
  std::string ints(const std::string &name, const std::vector<int64_t> &values) {
    onnx::TensorProto *t = graph.add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    t->add_dims(static_cast<int64_t>(values.size()));
    for (int64_t v : values)
      t->add_int64_data(v);
    return name;
  }
  std::string node(const std::string &op, std::vector<std::string> inputs,
                   const std::string &output = "") {
    onnx::NodeProto *n = graph.add_node();
    n->set_op_type(op);
    std::string name = output.empty() ? op + "_" + std::to_string(graph.node_size()) : output;
    n->set_name(name);
    for (const std::string &in : inputs)
      n->add_input(in);
    n->add_output(name);
    last = n;
    return name;
  }
  void intsAttr(const std::string &name, const std::vector<int64_t> &values) {
    onnx::AttributeProto *a = last->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t v : values)
      a->add_ints(v);
  }
  void intAttr(const std::string &name, int64_t value) {
    onnx::AttributeProto *a = last->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
  }

private:
  onnx::GraphProto &graph;
  onnx::NodeProto *last = nullptr;
};

void setType(onnx::ValueInfoProto *info, const std::string &name, int elementType,
             const std::vector<int64_t> &dims) {
  info->set_name(name);
  auto *tensor = info->mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(elementType);
  auto *shape = tensor->mutable_shape();
  shape->add_dim()->set_dim_param("batch");
  for (int64_t d : dims)
    shape->add_dim()->set_dim_value(d);
}

std::string quoted(const std::vector<std::string> &items) {
  std::string s = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    s += i ? ", \"" : "\"";
    for (char c : items[i])
      s += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    s += "\"";
  }
  return s + "]";
}

} // namespace

bool writeONNX(const CompiledTransformer &model, const std::string &path, std::string &error) {
  onnx::ModelProto proto;
  proto.set_ir_version(8);
  proto.set_producer_name("tfc");
  proto.set_model_version(1);
  onnx::OperatorSetIdProto *opset = proto.add_opset_import();
  opset->set_domain("");
  opset->set_version(17);
  auto meta = [&](const std::string &key, const std::string &value) {
    onnx::StringStringEntryProto *e = proto.add_metadata_props();
    e->set_key(key);
    e->set_value(value);
  };
  meta("tfc.rasp.vocab", quoted(model.vocab));
  meta("tfc.rasp.bos_id", std::to_string(model.bosId()));
  meta("tfc.rasp.pad_id", std::to_string(model.padId()));
  meta("tfc.rasp.causal", model.causal ? "1" : "0");
  // The output values as RASP literals: strings quoted, numbers and True/False bare.
  std::string values = "[";
  for (size_t i = 0; i < model.outputValues.size(); ++i)
    values += (i ? ", " : "") + model.outputValues[i].str(true);
  meta("tfc.rasp.output", model.numericalOutput ? "numerical" : "categorical");
  if (!model.numericalOutput)
    meta("tfc.rasp.output_values", values + "]");

  onnx::GraphProto *graph = proto.mutable_graph();
  graph->set_name(model.name);
  GraphWriter g(*graph);
  int64_t t = model.maxSeqLen + 1;
  std::string outName = model.numericalOutput ? "value" : "logits";
  setType(graph->add_input(), "tokens", onnx::TensorProto::INT64, {t});
  setType(graph->add_output(), outName, onnx::TensorProto::FLOAT, {t, model.unembedding.cols});

  std::string x = g.node("Gather", {g.matrix("token_embedding", model.tokenEmbedding), "tokens"});
  x = g.node("Add", {x, g.matrix("position_embedding", model.positionEmbedding)});
  std::string mask;
  if (model.causal) {
    std::vector<double> values(t * t, 0.0);
    for (int64_t q = 0; q < t; ++q)
      for (int64_t k = q + 1; k < t; ++k)
        values[q * t + k] = -1e9;
    mask = g.floats("causal_mask", {t, t}, values);
  }
  for (size_t l = 0; l < model.layers.size(); ++l) {
    const TransformerLayer &layer = model.layers[l];
    std::string prefix = "layer" + std::to_string(l) + "_";
    if (!layer.heads.empty()) {
      auto h = static_cast<int64_t>(layer.heads.size());
      int64_t dk = std::max<int64_t>(layer.keySize, 1), dv = std::max<int64_t>(layer.valueSize, 1);
      auto project = [&](const WeightMatrix AttentionHead::*which, int64_t size,
                         const std::string &what, std::vector<int64_t> perm) {
        std::string p =
            g.node("MatMul", {x, g.matrix(prefix + what, layer.sideBySide(which, size))});
        p = g.node("Reshape", {p, g.ints(prefix + what + "_shape", {0, t, h, size})});
        p = g.node("Transpose", {p});
        g.intsAttr("perm", perm);
        return p;
      };
      std::string q = project(&AttentionHead::query, dk, "wq", {0, 2, 1, 3});
      std::string kT = project(&AttentionHead::key, dk, "wk", {0, 2, 3, 1});
      std::string v = project(&AttentionHead::value, dv, "wv", {0, 2, 1, 3});
      std::string s = g.node("MatMul", {q, kT});
      if (!mask.empty())
        s = g.node("Add", {s, mask});
      s = g.node("Softmax", {s});
      g.intAttr("axis", -1);
      std::string o = g.node("MatMul", {s, v});
      o = g.node("Transpose", {o});
      g.intsAttr("perm", {0, 2, 1, 3});
      o = g.node("Reshape", {o, g.ints(prefix + "merge_shape", {0, t, h * dv})});
      o = g.node("MatMul", {o, g.matrix(prefix + "wo", layer.stackedOutputs(dv))});
      x = g.node("Add", {x, o});
    }
    if (layer.mlpIn.cols > 0) {
      std::string hidden = g.node("MatMul", {x, g.matrix(prefix + "mlp_in", layer.mlpIn)});
      hidden = g.node("Relu", {hidden});
      hidden = g.node("MatMul", {hidden, g.matrix(prefix + "mlp_out", layer.mlpOut)});
      x = g.node("Add", {x, hidden});
    }
  }
  g.node("MatMul", {x, g.matrix("unembedding", model.unembedding)}, outName);

  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out || !proto.SerializeToOstream(&out) || !out.flush()) {
      std::remove(temporary.c_str());
      error = "cannot write " + path;
      return false;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    error = "cannot write " + path;
    return false;
  }
  return true;
}

} // namespace tfc::rasp
