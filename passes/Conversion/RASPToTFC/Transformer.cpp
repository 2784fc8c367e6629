// Sizes, the report and the explanation of a compiled RASP transformer.
#include "passes/Conversion/RASPToTFC/Transformer.h"

#include "llvm/Support/Format.h"

namespace tfc::rasp {

WeightMatrix TransformerLayer::sideBySide(const WeightMatrix AttentionHead::*which,
                                          int64_t size) const {
  int64_t h = static_cast<int64_t>(heads.size());
  WeightMatrix r(h ? (heads.front().*which).rows : 0, h * size);
  for (int64_t i = 0; i < h; ++i) {
    const WeightMatrix &m = heads[i].*which;
    for (int64_t row = 0; row < m.rows; ++row)
      for (int64_t c = 0; c < std::min(size, m.cols); ++c)
        r.at(row, i * size + c) = m.at(row, c);
  }
  return r;
}

WeightMatrix TransformerLayer::stackedOutputs(int64_t size) const {
  int64_t h = static_cast<int64_t>(heads.size());
  WeightMatrix r(h * size, h ? heads.front().output.cols : 0);
  for (int64_t i = 0; i < h; ++i) {
    const WeightMatrix &m = heads[i].output;
    for (int64_t row = 0; row < std::min(size, m.rows); ++row)
      for (int64_t c = 0; c < m.cols; ++c)
        r.at(i * size + row, c) = m.at(row, c);
  }
  return r;
}

int64_t CompiledTransformer::maxHeads() const {
  int64_t most = 0;
  for (const TransformerLayer &l : layers)
    most = std::max<int64_t>(most, static_cast<int64_t>(l.heads.size()));
  return most;
}

int64_t CompiledTransformer::mlpWidth() const {
  int64_t widest = 0;
  for (const TransformerLayer &l : layers)
    widest = std::max(widest, l.mlpIn.cols);
  return widest;
}

int64_t CompiledTransformer::parameterCount() const {
  auto size = [](const WeightMatrix &m) { return m.rows * m.cols; };
  int64_t n = size(tokenEmbedding) + size(positionEmbedding) + size(unembedding);
  for (const TransformerLayer &l : layers) {
    for (const AttentionHead &h : l.heads)
      n += size(h.query) + size(h.key) + size(h.value) + size(h.output);
    n += size(l.mlpIn) + size(l.mlpOut);
  }
  return n;
}

void CompiledTransformer::printReport(llvm::raw_ostream &os) const {
  os << "model " << name << ": vocab " << vocab.size() << ", max_seq_len " << maxSeqLen
     << (causal ? ", causal" : "") << "\n";
  os << "  layers:          " << layers.size() << "\n";
  os << "  heads per layer: ";
  for (size_t i = 0; i < layers.size(); ++i)
    os << (i ? "," : "") << layers[i].heads.size();
  os << (layers.empty() ? "-" : "") << "\n";
  os << "  residual width:  " << residualWidth() << "\n";
  os << "  mlp width:       " << mlpWidth() << " (widest layer; per layer: ";
  for (size_t i = 0; i < layers.size(); ++i)
    os << (i ? "," : "") << layers[i].mlpIn.cols;
  os << ")\n";
  int64_t keySize = 0;
  for (const TransformerLayer &l : layers)
    keySize = std::max(keySize, l.keySize);
  os << "  key size:        " << keySize << "\n";
  os << "  parameters:      " << parameterCount() << "\n";
  os << "  output:          "
     << (numericalOutput ? std::string("numerical")
                         : "categorical, " + std::to_string(outputValues.size()) + " values")
     << "\n";
}

void CompiledTransformer::printExplain(llvm::raw_ostream &os) const {
  os << "residual stream (" << residualWidth() << "):";
  for (size_t i = 0; i < residualLabels.size(); ++i)
    os << (i % 8 ? " " : "\n  ") << residualLabels[i];
  os << "\n";
  for (size_t l = 0; l < layers.size(); ++l) {
    const TransformerLayer &layer = layers[l];
    os << "layer " << l << "\n";
    for (size_t h = 0; h < layer.heads.size(); ++h)
      os << "  head " << h << ": " << layer.heads[h].explain << "\n";
    for (const MLPPart &p : layer.mlpParts)
      os << "  mlp units " << p.firstUnit << ".." << p.firstUnit + p.units - 1 << ": "
         << p.explain << "\n";
  }
  os << "unembedding: "
     << (numericalOutput ? std::string("the output's value")
                         : "argmax over " + std::to_string(outputValues.size()) + " values")
     << "\n";
  for (const std::string &note : notes)
    os << "note: " << note << "\n";
}

} // namespace tfc::rasp
