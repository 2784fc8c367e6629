#!/usr/bin/env python3
"""CPU inference benchmark, in one run: the measured fp32 peak, GEMM shapes (tfc against
oneDNN) and full-size models (tfc against onnxruntime and PyTorch), with ratios.

- Peak: bench/peak_fma.c (independent FMA chains), built with the system cc, best of 5.
- GEMMs: one f32 matmul with a constant weight, compiled by `tfc compile` and timed by
  `tfc run LIB --repeat N` (median of N runs); oneDNN's dnnl_sgemm on the same shape
  (bench/dnnl_gemm.c, Debian's libdnnl-dev, installed by the script when run as root,
  OMP_NUM_THREADS=1), skipped with a note when it cannot be had.
- Models: the full-size models of scripts/make_models.py in build/models (BERT-base,
  all-MiniLM-L6-v2, GPT-2 small decode step with a 512-token cache, ViT-B/16, the LLaMA
  architecture at GPT-2-small size over 128 tokens), fused and
  unfused (`--no-fuse`) for BERT-base, against onnxruntime (PyPI, all graph optimisations,
  the same thread count) and PyTorch (eager, inference mode, the same Hugging Face
  architecture with random weights) from the virtual environment of scripts/make-venv.sh,
  where they are installed. Each model row also gives tfc's rate in GFLOP/s (the matmul and
  convolution work counted from tfc's own IR) as a fraction of the measured peak times the
  thread count.

All run with the same thread count on every row (tfc: `tfc run --threads N`; onnxruntime:
intra-op threads; PyTorch: torch.set_num_threads). tfc and onnxruntime are timed in
alternating rounds (--rounds, each of --model-repeats runs): a row's median is the median
of its rounds' medians, its min the least of their minima; tfc/ort is the ratio of the
medians, then (in parentheses) of the minima, to three decimals; PyTorch runs once. Usage:
  bench/cpu_inference.py [--tfc build/bin/tfc] [--python .venv/bin/python] [--threads 1 2]
      [--only MODEL...] [--skip-gemms] [--skip-models]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEMMS = [(128, 768, 768), (128, 768, 3072), (128, 3072, 768)]
MODELS = ["bert", "minilm", "gpt2", "vit", "llama"]
TIME = re.compile(r"time: median ([0-9.]+) ms, min ([0-9.]+) ms")

ORT_SCRIPT = r"""
import glob, sys, time
import numpy as np, onnxruntime as ort
folder, threads, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
options = ort.SessionOptions()
options.intra_op_num_threads = threads
options.inter_op_num_threads = 1
options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
session = ort.InferenceSession(folder + "/model.onnx", options,
                               providers=["CPUExecutionProvider"])
files = sorted(glob.glob(folder + "/inputs/*.npy"))
feeds = {i.name: np.load(f) for i, f in zip(session.get_inputs(), files)}
session.run(None, feeds)
times = []
for _ in range(repeats):
    start = time.perf_counter()
    session.run(None, feeds)
    times.append(time.perf_counter() - start)
times.sort()
print("%.6f %.6f" % (1e3 * times[len(times) // 2], 1e3 * times[0]))
"""


# PyTorch runs the Hugging Face model of the same architecture (transformers' default
# configurations are BERT-base, GPT-2 small and ViT-B/16; MiniLM is BertConfig at 384 x 6)
# with random weights, which do not change the time, on the same input files.
TORCH_SCRIPT = r"""
import glob, sys, time
import numpy as np, torch, transformers as tr
name, folder, threads, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
torch.manual_seed(0)
files = sorted(glob.glob(folder + "/inputs/*.npy"))
arrays = [torch.from_numpy(np.load(f)) for f in files]
reset = lambda: None
if name in ("bert", "minilm"):
    config = tr.BertConfig() if name == "bert" else tr.BertConfig(
        hidden_size=384, num_hidden_layers=6, num_attention_heads=12, intermediate_size=1536)
    model = tr.BertModel(config)
    feeds = dict(input_ids=arrays[0], attention_mask=arrays[1], token_type_ids=arrays[2])
elif name == "llama":  # scripts/make_models.py's full size: LLaMA at GPT-2-small size
    config = tr.LlamaConfig(hidden_size=768, intermediate_size=2048, num_hidden_layers=12,
                            num_attention_heads=12, num_key_value_heads=4, vocab_size=32000)
    model = tr.LlamaModel(config)
    feeds = dict(input_ids=arrays[0], attention_mask=arrays[1], position_ids=arrays[2],
                 use_cache=False)
elif name == "vit":
    model = tr.ViTForImageClassification(tr.ViTConfig(num_labels=1000))
    feeds = dict(pixel_values=arrays[0])
elif name == "gpt2":
    model = tr.GPT2LMHeadModel(tr.GPT2Config())
    past = arrays[3:]
    cache = tr.DynamicCache()
    for layer in range(len(past) // 2):
        cache.update(past[2 * layer], past[2 * layer + 1], layer)
    feeds = dict(input_ids=arrays[0], attention_mask=arrays[1], position_ids=arrays[2],
                 past_key_values=cache, use_cache=True)
    keep = past[0].shape[2]

    def reset():  # drop the token the timed step appended, back to the fixed cache
        extra = cache.get_seq_length() - keep
        if extra > 0:
            cache.crop(-extra)
model.eval()
times = []
with torch.inference_mode():
    model(**feeds)
    for _ in range(repeats):
        reset()
        start = time.perf_counter()
        model(**feeds)
        times.append(time.perf_counter() - start)
times.sort()
print("%.6f %.6f" % (1e3 * times[len(times) // 2], 1e3 * times[0]))
"""


def model_gflop(tfc, path, shapes, work):
    """The multiply-adds (x2) of a model's matmuls and convolutions at the benchmark's shapes,
    in GFLOP, read from tfc's own IR (unfused, so attention's products are matmuls). The
    weights become inputs first, so the IR holds their shapes without their data."""
    import onnx
    from onnx import helper
    model = onnx.load(path)
    for init in list(model.graph.initializer):
        if int(np.prod(init.dims)) > 4096:
            model.graph.input.append(helper.make_tensor_value_info(init.name, init.data_type,
                                                                   list(init.dims)))
            model.graph.initializer.remove(init)
    light = os.path.join(work, "shapes-only.onnx")
    onnx.save(model, light)
    ir = run([tfc, "compile", light, "--emit=tfc", "--no-fuse", "-o", "-"] + shapes)
    dims = lambda t: [int(d) for d in t.split("x")[:-1]]
    flops = 0
    for op, types, out in re.findall(
            r"tfc\.(matmul|conv) [^:]*: \(tensor<([^)]*)>\) -> tensor<([^>]*)>", ir):
        operands = [dims(t) for t in types.split(">, tensor<")]
        per_output = operands[0][-1] if op == "matmul" else int(np.prod(operands[1][1:]))
        flops += 2 * int(np.prod(dims(out))) * per_output
    return flops / 1e9


def run(cmd, env=None):
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError("%s failed:\n%s%s" % (" ".join(cmd), result.stdout, result.stderr))
    return result.stdout


def combine_rounds(rounds):
    """(median, min) over rounds of (median, min): the median of the rounds' medians."""
    return float(np.median([r[0] for r in rounds])), min(r[1] for r in rounds)


def tfc_time(tfc, lib, inputs, repeats, threads=1):
    out = run([tfc, "run", lib, "--repeat", str(repeats), "--threads", str(threads)]
              + ["--input=" + i for i in inputs])
    match = TIME.search(out)
    return float(match.group(1)), float(match.group(2))


def measure_peak(work):
    exe = os.path.join(work, "peak")
    run(["cc", "-O2", "-march=native", "-ffp-contract=fast",
         os.path.join(ROOT, "bench", "peak_fma.c"), "-o", exe])
    return float(run([exe]).strip())


def gemm_module(m, k, n, weight):
    t_in, t_w, t_out = ("tensor<%dx%dxf32>" % s for s in ((m, k), (k, n), (m, n)))
    hex_data = weight.astype("<f4").tobytes().hex().upper()
    return ('func.func @main(%%x: %s {tfc.name = "x"}) -> (%s {tfc.name = "y"}) {\n'
            '  %%w = tfc.constant dense<"0x%s"> : %s\n'
            '  %%y = tfc.matmul %%x, %%w : (%s, %s) -> %s\n'
            '  return %%y : %s\n}\n' % (t_in, t_out, hex_data, t_w, t_in, t_w, t_out, t_out))


def bench_gemms(args, work, peak):
    dnnl = None
    header = "/usr/include/oneapi/dnnl/dnnl.h"
    if not os.path.exists(header) and hasattr(os, "geteuid") and os.geteuid() == 0:
        # The reference is Debian's oneDNN; install it here rather than by hand.
        subprocess.run(["apt-get", "install", "-y", "-q", "libdnnl-dev"],
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
                       capture_output=True)
    if os.path.exists(header):
        dnnl = os.path.join(work, "dnnl_gemm")
        run(["cc", "-O2", os.path.join(ROOT, "bench", "dnnl_gemm.c"), "-ldnnl", "-o", dnnl])
    else:
        print("oneDNN: not installed (apt-get install libdnnl-dev); its column is empty")
    rng = np.random.default_rng(0)
    print("\nGEMM (1 thread)     tfc GFLOP/s  %peak   oneDNN GFLOP/s  %peak   tfc/oneDNN time")
    for m, k, n in GEMMS:
        flops = 2.0 * m * k * n
        source = os.path.join(work, "gemm.mlir")
        with open(source, "w") as f:
            f.write(gemm_module(m, k, n, rng.uniform(-1, 1, (k, n)).astype(np.float32)))
        lib = os.path.join(work, "gemm.so")
        run([args.tfc, "compile", source, "-o", lib])
        x = os.path.join(work, "x.npy")
        np.save(x, rng.uniform(-1, 1, (m, k)).astype(np.float32))
        median, _ = tfc_time(args.tfc, lib, [x], args.gemm_repeats)
        ours = flops / (median * 1e-3) / 1e9
        line = "%4dx%4dx%4d     %8.1f  %5.1f%%" % (m, k, n, ours, 100 * ours / peak)
        if dnnl:
            env = dict(os.environ, OMP_NUM_THREADS="1")
            theirs_s = float(run([dnnl, str(m), str(k), str(n), str(args.gemm_repeats)],
                                 env=env).split()[0])
            theirs = flops / theirs_s / 1e9
            line += "   %8.1f       %5.1f%%   %.2f" % (theirs, 100 * theirs / peak,
                                                    (median * 1e-3) / theirs_s)
        print(line, flush=True)


def bench_models(args, work, peak):
    wanted = args.only or MODELS
    models = [m for m in wanted if os.path.exists(os.path.join(args.models, m, "model.onnx"))]
    missing = [m for m in wanted if m not in models]
    if missing:
        print("\nmodels not built (scripts/make_models.py --size full): " + ", ".join(missing))
    have_ort = os.path.exists(args.python)
    if not have_ort:
        print("onnxruntime: no %s (scripts/make-venv.sh); its column is empty" % args.python)
    have_torch = have_ort and subprocess.run(
        [args.python, "-c", "import torch, transformers"], capture_output=True).returncode == 0
    if not have_torch:
        print("PyTorch: torch and transformers not importable by %s; its column is empty"
              % args.python)
    print("\nmodel (median ms)     threads   tfc      tfc min   onnxruntime  ort min   tfc/ort"
          " (min)      torch     tfc/torch   tfc GFLOP/s (%peak of one core)")
    for name in models:
        folder = os.path.join(args.models, name)
        shapes = open(os.path.join(folder, "shapes.txt")).read().split()
        inputs = sorted(os.path.join(folder, "inputs", f)
                        for f in os.listdir(os.path.join(folder, "inputs")))
        gflop = model_gflop(args.tfc, os.path.join(folder, "model.onnx"), shapes, work)
        variants = [("", [])] + ([(" unfused", ["--no-fuse"])] if name == "bert" else [])
        fused = {}
        for label, flags in variants:
            lib = os.path.join(work, name + ".so")
            run([args.tfc, "compile", os.path.join(folder, "model.onnx"), "-o", lib]
                + shapes + flags)
            for threads in args.threads:
                # tfc and onnxruntime take turns, round after round, so that a slow spell of
                # the machine falls on both rather than on one of them.
                ours_rounds, theirs_rounds = [], []
                for _ in range(args.rounds):
                    ours_rounds.append(tfc_time(args.tfc, lib, inputs, args.model_repeats,
                                                threads))
                    if have_ort and not flags:
                        theirs_rounds.append([float(v) for v in run(
                            [args.python, "-c", ORT_SCRIPT, folder, str(threads),
                             str(args.model_repeats)]).split()])
                ours = combine_rounds(ours_rounds)
                line = "%-20s  %3d    %8.2f  %8.2f" % (name + label, threads, ours[0], ours[1])
                if not flags:
                    fused[threads] = ours[0]
                else:
                    line += "   fused/unfused %.2f" % (fused[threads] / ours[0])
                if theirs_rounds:
                    theirs = combine_rounds(theirs_rounds)
                    # Three decimals: a ratio of 0.803 is not 0.80 against a 0.8 target.
                    line += "   %8.2f   %8.2f   %.3f (%.3f)" % (
                        theirs[0], theirs[1], ours[0] / theirs[0], ours[1] / theirs[1])
                if have_torch and not flags:
                    torch_ms = [float(v) for v in run([args.python, "-c", TORCH_SCRIPT, name,
                                                       folder, str(threads),
                                                       str(args.model_repeats)]).split()]
                    line += "   %8.2f  %.2f" % (torch_ms[0], ours[0] / torch_ms[0])
                rate = gflop / (ours[0] / 1e3)
                line += "   %.1f (%.0f%% of %d x peak)" % (rate, 100 * rate / (peak * threads),
                                                        threads)
                print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tfc", default=os.path.join(ROOT, "build", "bin", "tfc"))
    parser.add_argument("--python", default=os.path.join(ROOT, ".venv", "bin", "python"))
    parser.add_argument("--models", default=os.path.join(ROOT, "build", "models"))
    parser.add_argument("--threads", type=int, nargs="+", default=[1, os.cpu_count()])
    parser.add_argument("--gemm-repeats", type=int, default=200)
    parser.add_argument("--model-repeats", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating rounds of tfc and onnxruntime per model row")
    parser.add_argument("--skip-models", action="store_true")
    parser.add_argument("--skip-gemms", action="store_true")
    parser.add_argument("--only", nargs="+", choices=MODELS, metavar="MODEL",
                        help="only these models (%s)" % ", ".join(MODELS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        peak = measure_peak(work)
        print("measured fp32 peak of one core: %.1f GFLOP/s" % peak)
        if not args.skip_gemms:
            bench_gemms(args, work, peak)
        if not args.skip_models:
            bench_models(args, work, peak)
    return 0


if __name__ == "__main__":
    sys.exit(main())
