// Pattern sets of the tfc-to-linalg conversion, one per family of ops.
#ifndef TFC_PASSES_CONVERSION_TFCTOLINALG_TFCTOLINALG_H
#define TFC_PASSES_CONVERSION_TFCTOLINALG_TFCTOLINALG_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace tfc {

/// Converts tensor types for the linalg level: unsigned integer elements become signless
/// (arith and linalg only know signless integers; each op picks signed or unsigned
/// arithmetic from the tfc types it replaces).
class TFCTypeConverter : public mlir::TypeConverter {
public:
  TFCTypeConverter();
};

void populateElementwiseLoweringPatterns(const mlir::TypeConverter &converter,
                                         mlir::RewritePatternSet &patterns);
void populateReductionLoweringPatterns(const mlir::TypeConverter &converter,
                                       mlir::RewritePatternSet &patterns);
void populateDataMovementLoweringPatterns(const mlir::TypeConverter &converter,
                                          mlir::RewritePatternSet &patterns);
void populateAttentionLoweringPatterns(const mlir::TypeConverter &converter,
                                       mlir::RewritePatternSet &patterns);
void populateScatterLoweringPatterns(const mlir::TypeConverter &converter,
                                     mlir::RewritePatternSet &patterns);
void populateWindowLoweringPatterns(const mlir::TypeConverter &converter,
                                    mlir::RewritePatternSet &patterns);
/// The matmul lowering is one replaceable unit: a faster strategy (packed weights,
/// microkernels) replaces this pattern set without touching the others.
void populateMatmulLoweringPatterns(const mlir::TypeConverter &converter,
                                    mlir::RewritePatternSet &patterns);

} // namespace tfc

#endif
