// Decoding of ONNX TensorProto messages (needs the ONNX headers; only frontend code uses it).
#ifndef TFC_FRONTEND_ONNX_TENSORPROTOIO_H
#define TFC_FRONTEND_ONNX_TENSORPROTOIO_H

#include "frontend/onnx/TensorData.h"

namespace onnx {
class TensorProto;
} // namespace onnx

namespace tfc {
/// Decodes `proto` (raw_data, the typed fields, or external data: a file inside `modelDir`,
/// the folder of the model that holds the tensor; without one external data is an error).
llvm::Expected<TensorData> decodeTensorProto(const onnx::TensorProto &proto,
                                             llvm::StringRef modelDir = "");
} // namespace tfc

#endif
