// The tfc-plan-memory pass: a function's (and each loop body's) buffers as views into one arena.
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "passes/Target/Passes.h"

using namespace mlir;

namespace tfc {
#define GEN_PASS_DEF_PLANMEMORY
#include "passes/Target/Passes.h.inc"

namespace {

// Cache-line alignment, as the allocations had.
constexpr int64_t kAlignment = 64;

/// One buffer: alive from its allocation to its last use (positions in the block).
struct Buffer {
  memref::AllocOp alloc;
  memref::DeallocOp dealloc;
  int64_t begin, end, bytes, offset = 0;
};

int64_t alignTo(int64_t value, int64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

/// The bytes a buffer of `type` occupies, when the arena can hold it.
std::optional<int64_t> bytesOf(MemRefType type) {
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() || type.getMemorySpace() ||
      !type.getElementType().isIntOrFloat())
    return std::nullopt;
  unsigned bits = type.getElementType().getIntOrFloatBitWidth();
  // i1 is stored one per byte, as LLVM lays it out in memory.
  if (bits != 1 && bits % 8 != 0)
    return std::nullopt;
  return type.getNumElements() * std::max<int64_t>(1, bits / 8);
}

/// The deallocation of `alloc` when it is its only one and lies in `block`.
memref::DeallocOp soleDealloc(memref::AllocOp alloc, Block &block) {
  memref::DeallocOp found;
  for (Operation *user : alloc->getUsers()) {
    auto dealloc = dyn_cast<memref::DeallocOp>(user);
    if (!dealloc)
      continue;
    if (found || dealloc->getBlock() != &block)
      return {};
    found = dealloc;
  }
  return found;
}

/// The position in `block` of the last op that uses `alloc` or a memref derived from it (a
/// view, a cast, a loop result), `alloc`'s deallocation aside. Deallocation is placed at the
/// end of the block, so it says nothing about when the buffer is last needed. Any memref an
/// op produces from the buffer counts as an alias: that can only lengthen the lifetime.
int64_t lastUse(memref::AllocOp alloc, memref::DeallocOp dealloc, Block &block,
                const DenseMap<Operation *, int64_t> &position) {
  int64_t last = position.lookup(alloc);
  SmallVector<Value> worklist = {alloc.getResult()};
  DenseSet<Value> seen = {alloc.getResult()};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (Operation *user : value.getUsers()) {
      if (user == dealloc)
        continue;
      if (Operation *top = block.findAncestorOpInBlock(*user))
        last = std::max(last, position.lookup(top));
      for (Value result : user->getResults())
        if (isa<BaseMemRefType>(result.getType()) && seen.insert(result).second)
          worklist.push_back(result);
    }
  }
  return last;
}

/// Offsets greedy by size: each buffer, largest first, goes to the lowest offset that does
/// not overlap a placed buffer alive at the same time. Returns the arena size.
int64_t placeBuffers(MutableArrayRef<Buffer> buffers) {
  SmallVector<Buffer *> order;
  for (Buffer &buffer : buffers)
    order.push_back(&buffer);
  llvm::sort(order, [](Buffer *a, Buffer *b) {
    return a->bytes != b->bytes ? a->bytes > b->bytes : a->begin < b->begin;
  });
  SmallVector<Buffer *> placed;
  int64_t total = 0;
  for (Buffer *buffer : order) {
    SmallVector<Buffer *> live;
    for (Buffer *other : placed)
      if (other->begin < buffer->end && buffer->begin < other->end)
        live.push_back(other);
    llvm::sort(live, [](Buffer *a, Buffer *b) { return a->offset < b->offset; });
    int64_t offset = 0;
    for (Buffer *other : live) {
      if (offset + buffer->bytes <= other->offset)
        break;
      offset = std::max(offset, alignTo(other->offset + other->bytes, kAlignment));
    }
    buffer->offset = offset;
    total = std::max(total, offset + buffer->bytes);
    placed.push_back(buffer);
  }
  return alignTo(total, kAlignment);
}

/// The buffers of `block` that an arena can hold: static allocations at its top level that
/// it also frees.
SmallVector<Buffer> plannableBuffers(Block &block) {
  DenseMap<Operation *, int64_t> position;
  for (Operation &op : block)
    position[&op] = static_cast<int64_t>(position.size());
  SmallVector<Buffer> buffers;
  for (Operation &op : block) {
    auto alloc = dyn_cast<memref::AllocOp>(op);
    if (!alloc || !alloc.getDynamicSizes().empty() || !alloc.getSymbolOperands().empty())
      continue;
    std::optional<int64_t> bytes = bytesOf(alloc.getType());
    if (alloc.getAlignment().value_or(0) > kAlignment || !bytes)
      continue;
    // A buffer that is returned or freed elsewhere keeps its own allocation.
    memref::DeallocOp dealloc = soleDealloc(alloc, block);
    if (!dealloc)
      continue;
    buffers.push_back(
        {alloc, dealloc, position[alloc], lastUse(alloc, dealloc, block, position), *bytes});
  }
  return buffers;
}

/// Puts the buffers of `block` that an arena can hold into one, allocated at the start of
/// the block and freed before its terminator.
void planBlock(Block &block, Location loc) {
  SmallVector<Buffer> buffers = plannableBuffers(block);
  // One buffer alone gains nothing from an arena.
  if (buffers.size() < 2)
    return;
  int64_t total = placeBuffers(buffers);

  OpBuilder b = OpBuilder::atBlockBegin(&block);
  auto arenaType = MemRefType::get({total}, b.getI8Type());
  Value arena = memref::AllocOp::create(b, loc, arenaType, b.getI64IntegerAttr(kAlignment));
  for (Buffer &buffer : buffers) {
    b.setInsertionPoint(buffer.alloc);
    Value offset = arith::ConstantIndexOp::create(b, buffer.alloc.getLoc(), buffer.offset);
    Value view = memref::ViewOp::create(b, buffer.alloc.getLoc(), buffer.alloc.getType(), arena,
                                        offset, ValueRange{});
    buffer.dealloc.erase();
    buffer.alloc.replaceAllUsesWith(view);
    buffer.alloc.erase();
  }
  b.setInsertionPoint(block.getTerminator());
  memref::DeallocOp::create(b, loc, arena);
}

struct PlanMemoryPass : impl::PlanMemoryBase<PlanMemoryPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (!func.isExternal() && func.getBody().hasOneBlock())
        planBlock(func.getBody().front(), func.getLoc());
    // A loop body's own buffers (an attention head's score tile and row statistics) are
    // allocated and freed in every iteration: all-MiniLM-L6-v2 made five locked allocator
    // calls per head, for hundreds of heads per call. One arena per iteration makes it one.
    // (The heap, not the stack: a caller's thread may have a small stack, and the
    // canonicalizer's alloca-scope patterns can leave an alloca in the loop.)
    getOperation().walk([](Operation *op) {
      if (isa<scf::ForOp, scf::ForallOp, scf::ParallelOp>(op))
        planBlock(op->getRegion(0).front(), op->getLoc());
    });
  }
};

} // namespace
} // namespace tfc
