// Passes that prepare a lowered model for code generation and give it its C ABI.
#ifndef TFC_TARGET_PASSES_TD
#define TFC_TARGET_PASSES_TD

include "mlir/Pass/PassBase.td"

def RecordSignature : Pass<"tfc-record-signature", "mlir::ModuleOp"> {
  let summary = "Record the entry function's input and output names and types";
  let description = [{
    Stores `tfc.signature = {inputs = [...], outputs = [...]}` on the module: for each
    argument and result of the entry function, its `tfc.name` (or input_N / output_N) and
    its tensor type. Later lowering erases what the ABI needs to report (unsigned element
    types become signless, tensors become pointers), so this runs first.
  }];
  let options = [
    Option<"entry", "entry", "std::string", /*default=*/"\"main\"",
           "Name of the entry function">
  ];
}

def EntryToDestinationStyle : Pass<"tfc-entry-to-dps", "mlir::ModuleOp"> {
  let summary = "Turn the entry function into one that writes its results into caller buffers";
  let description = [{
    `func @main(tensors) -> tensors` becomes `func @tfc_model_impl(input memrefs...,
    output memrefs...)`: inputs are read through `bufferization.to_tensor restrict` and every
    result is stored with `bufferization.materialize_in_destination`, so that bufferization
    computes results directly in the caller's memory where it can. Shapes must be static.
  }];
  let options = [
    Option<"entry", "entry", "std::string", /*default=*/"\"main\"",
           "Name of the entry function">
  ];
  let dependentDialects = ["mlir::bufferization::BufferizationDialect",
                           "mlir::memref::MemRefDialect", "mlir::tensor::TensorDialect"];
}

def Bufferize : Pass<"tfc-bufferize", "mlir::ModuleOp"> {
  let summary = "One-shot bufferization with the settings tfc code generation needs";
  let description = [{
    Module-wide one-shot bufferization with function boundaries, identity layouts at function
    boundaries, and copies emitted as `linalg.copy` (lowered to plain loops later) rather than
    `memref.copy`, whose strided form calls into MLIR's C runner library, which compiled
    models must not depend on.
  }];
  let dependentDialects = ["mlir::bufferization::BufferizationDialect",
                           "mlir::memref::MemRefDialect", "mlir::linalg::LinalgDialect"];
}

def EpilogueInPlace : Pass<"tfc-epilogue-in-place", "mlir::ModuleOp"> {
  let summary = "Let a matmul's marked activation rewrite the product in place";
  let description = [{
    Runs on linalg over tensors, after CSE. A generic marked `tfc.epilogue` (the
    activation of a `tfc.matmul_epilogue`, read through identity maps into a fresh tensor)
    whose input is read by nothing else rewrites that input in place instead, so that after
    bufferization it follows the matmul on the same buffer and tfc-matmul-to-microkernel
    hands the activation to the kernel. A product with other readers (identical products
    merged by CSE) keeps its activation as an ordinary loop.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def FoldBiasIntoMatmul : Pass<"tfc-fold-bias-into-matmul", "mlir::ModuleOp"> {
  let summary = "Start a matmul's accumulation from the tensor added to its result";
  let description = [{
    Runs on linalg over tensors. An element-wise `x + bias` whose `x` is the zero-initialised
    result of a `linalg.matmul` or `linalg.batch_matmul` (possibly through the expand_shape
    that unfolds a batch from the rows), used by nothing else, becomes the product
    initialised with `bias` broadcast to its shape: the bias (or a residual) is added as the
    product's epilogue instead of by a second pass over the result. The sum then starts
    from the bias rather than adding it last, a different rounding of the same value.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"];
}

def SplitReductions : Pass<"tfc-split-reductions", "mlir::ModuleOp"> {
  let summary = "Reduce the innermost dimension in 16 interleaved partial results";
  let description = [{
    Runs on linalg over tensors. A linalg.generic whose only reduction is its innermost loop,
    over a static extent K that is a multiple of 16 (at least 32), combining into its single
    output with one float addf, mulf, maximumf or minimumf, becomes two: the first keeps 16
    partial results per output element, element j combining the terms j, j + 16, j + 32,
    ... (the reduced operands reshaped to [..., K / 16, 16]); the second combines the 16
    partials into the original output. Lowered to loops, the first generic's innermost loop
    is parallel over contiguous elements: 16 independent chains of operations (which LLVM
    keeps in registers, and may map onto one vector) where the original loop was one
    sequential chain (a layer norm's sums, a softmax's row maximum and sum). Sums round differently (a different order of
    the same terms); maximum and minimum are exact. The order depends only on K, so results
    stay identical at any thread count.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"];
}

def PlanMemory : Pass<"tfc-plan-memory", "mlir::ModuleOp"> {
  let summary = "Place a function's top-level buffers in one arena, reusing memory";
  let description = [{
    Runs on buffers, after deallocation is explicit. Every `memref.alloc` of a static shape
    that a function's body allocates and frees at its top level becomes a `memref.view` into
    one arena allocated on entry and freed before the return. Offsets are chosen at compile
    time, greedily by decreasing size, so that buffers alive at the same time never overlap
    and buffers whose lifetimes are disjoint share memory: one allocation per call instead of
    one per intermediate, and a peak close to the largest set of simultaneously live
    buffers.

    A loop body's own buffers (an attention head's score tile and row statistics, allocated
    and freed in each iteration) go the same way into one arena per iteration, allocated at
    the start of the body and freed before its terminator: one allocator call per iteration
    instead of one per buffer.
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect", "mlir::arith::ArithDialect"];
}

def ParallelizeLoops : Pass<"tfc-parallelize-loops", "mlir::ModuleOp"> {
  let summary = "Run a function's top-level parallel loops on the thread pool";
  let description = [{
    Runs on buffers, after linalg became `scf.parallel` loops (reductions stay `scf.for`
    inside them). Each `scf.parallel` at the top level of a function with constant bounds,
    no reductions and enough work (about 32K operations executed) moves into a private
    function over a range [begin, end) of its first dimension; the loop is replaced by a
    call of a dispatcher `(count, captured values...)`, declared with the attribute
    `tfc.parallel_task`, that tfc-emit-parallel-tasks defines once the module is in the LLVM
    dialect. Iterations keep their own order of operations, so results do not depend on how
    many threads run them. Loops that capture a memref with a non-identity layout stay.
  }];
  let dependentDialects = ["mlir::func::FuncDialect", "mlir::arith::ArithDialect",
                           "mlir::scf::SCFDialect"];
}

def VectorizeElementwise : Pass<"tfc-vectorize-elementwise", "mlir::ModuleOp"> {
  let summary = "Vector loops for linalg ops over contiguous innermost elements";
  let description = [{
    Runs on buffers, before linalg becomes loops. A linalg.generic (or a transpose, copy, fill or
    broadcast, generalized first) with static loop ranges whose innermost loop is at least 8
    long and reads every operand either contiguously along it (the operand's last index,
    unit stride) or not at all, and whose body is lane-wise arithmetic, becomes vector code:

    - innermost loop parallel: an `scf.parallel` over its other parallel loops (the thread
      pool's), its reduction loops inside in their order carrying the outputs in registers,
      and in them a loop over 16-lane vectors plus one masked vector for the remainder.
      Every element sees the same operations in the same order as in the scalar loops, so
      results are identical.
    - innermost loop a float reduction with one add, mul, max or min combiner (and no other
      reduction): the lanes keep 16 partial results (masked lanes contribute the identity),
      combined at the end by `vector.reduction`, in a tree for sums and products; the output
      combines with that. Sums round as tfc-split-reductions' do; max and min are exact.

    Operands not indexed by the innermost loop are loaded once per vector, and the body's
    values computed from them, from outer loops' indices and from values outside the op
    (uniform along the innermost loop) stay scalars, broadcast where a vector operation
    uses them. A `memref.load` of a buffer from outside the op whose last index is the
    innermost loop's and whose other indices are uniform reads a row: one vector load per
    step (a gather of embedding rows). Why here rather than in LLVM: every planned buffer is
    a view of one arena, and LLVM's loop vectorizer, unable to prove that a loop's stores do
    not overlap its loads, left layer norms, residual adds and softmax passes scalar.
    Transposed reads (the innermost loop not an operand's last index), other loads (per
    lane, or of the op's own output), calls, and integer division in a masked remainder
    stay scalar.
  }];
  let dependentDialects = ["mlir::vector::VectorDialect", "mlir::scf::SCFDialect",
                           "mlir::arith::ArithDialect", "mlir::memref::MemRefDialect"];
}

def VectorizeTransposes : Pass<"tfc-vectorize-transposes", "mlir::ModuleOp"> {
  let summary = "16x16 register transposes for transposes that move the innermost dimension";
  let description = [{
    Runs on buffers, before tfc-vectorize-elementwise. A `linalg.transpose` of 32-bit
    elements with static shapes and unit-stride rows, whose output's last dimension is not
    the input's last (an attention's keys turned into K^T: heads x dims x tokens from tokens
    x heads x dims), becomes tiles of 16 x 16: up to 16 contiguous vector loads of input rows,
    a transpose in registers (64 two-input `vector.shuffle`s: 32- and 64-bit interleaves,
    then two rounds of 128-bit quarters, one AVX-512 instruction each), up to 16 contiguous
    vector stores of output rows. Partial tiles at the edges use masked loads and stores. An
    `scf.parallel` runs over the other dimensions and the whole row blocks, so the thread
    pool splits it. Without this, LLVM vectorized such a copy with scatters, one element per
    lane at a time. Transposes that keep the innermost dimension (copies of rows) are left
    to tfc-vectorize-elementwise; fewer than 4 rows or columns stay scalar.
  }];
  let dependentDialects = ["mlir::vector::VectorDialect", "mlir::scf::SCFDialect",
                           "mlir::arith::ArithDialect", "mlir::memref::MemRefDialect"];
}

def MatmulToMicroKernel : Pass<"tfc-matmul-to-microkernel", "mlir::ModuleOp"> {
  let summary = "Call the register-tiled f32 matmul micro-kernel; pack constant weights";
  let description = [{
    Runs on buffers. Every `linalg.matmul` and `linalg.batch_matmul` on f32 memrefs with
    static shapes and unit inner strides becomes a call to `tfc_uk_sgemm` (see
    runtime/ukernels/tfc_ukernels.h), which accumulates into the output as the linalg op does.
    When B is a constant global, a second global holds it packed at compile time into
    48-column panels (the kernel's register tile), and the call reads that one; the original
    global goes away with its last use. Other matmuls (integers, casts, user-defined maps)
    are left to the loop lowering. Code generation links the kernel's bitcode into the model.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect", "mlir::func::FuncDialect",
                           "mlir::memref::MemRefDialect", "mlir::arith::ArithDialect"];
}

def ApproximateMath : Pass<"tfc-approximate-math", "mlir::ModuleOp"> {
  let summary = "Inline polynomial approximations of f32 exp, erf and tanh";
  let description = [{
    Replaces f32 `math.exp`, `math.erf` and `math.tanh` with MLIR's polynomial
    approximations (plain arithmetic, no libm call), so the loops of softmax, GELU and
    attention can be vectorised. The maximum errors against float64, measured over the whole
    float range by test/e2e/math-approximations.test, are documented in
    docs/cpu-performance.md. Other types and functions keep their libm calls.
  }];
  let dependentDialects = ["mlir::math::MathDialect", "mlir::arith::ArithDialect",
                           "mlir::vector::VectorDialect"];
}

def EmitParallelTasks : Pass<"tfc-emit-parallel-tasks", "mlir::ModuleOp"> {
  let summary = "Define the dispatchers of the loops tfc-parallelize-loops outlined";
  let description = [{
    Runs on the LLVM dialect. Each function declared with `tfc.parallel_task = @task` gets a
    body that stores its arguments in 8-byte slots of a stack array and calls
    `tfc_uk_parallel(count, @task_entry, slots)` (runtime/ukernels/parallel.c, linked into
    the model), plus `task_entry(slots, begin, end)`, which loads them back and calls
    `task(begin, end, ...)`.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

def EmitModelABI : Pass<"tfc-emit-model-abi", "mlir::ModuleOp"> {
  let summary = "Add the model's exported C ABI to an LLVM-dialect module";
  let description = [{
    Runs on the LLVM dialect, after the entry was lowered with the bare-pointer calling
    convention. Emits `tfc_compiled_signature()`, returning the recorded signature as constant
    data (see runtime/include/tfc/tfc_model_abi.h), and `tfc_compiled_run(inputs, outputs)`,
    which calls the entry with the caller's buffer pointers. The entry itself becomes
    internal, so that several models can be linked into one program.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

#endif
