// Decoding of ONNX TensorProto messages (needs the ONNX headers; only frontend code uses it).
#ifndef TFC_FRONTEND_ONNX_TENSORPROTOIO_H
#define TFC_FRONTEND_ONNX_TENSORPROTOIO_H

#include "frontend/onnx/TensorData.h"

namespace onnx {
class TensorProto;
} // namespace onnx

namespace tfc {
/// Decodes `proto` (raw_data or the typed fields). Data stored outside the message
/// (external data) is not supported yet and is an error.
llvm::Expected<TensorData> decodeTensorProto(const onnx::TensorProto &proto);
} // namespace tfc

#endif
