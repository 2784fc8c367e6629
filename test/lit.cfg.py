# lit configuration of the tfc test suites (test/<area> mirrors the source folders).
import os
import lit.formats
from lit.llvm import llvm_config

config.name = "tfc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".onnxtxt", ".rasp", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tfc_obj_root, "test")

llvm_config.use_default_substitutions()
# Debian's unversioned LLVM tools are LLVM 14; FileCheck, not and count come from LLVM 22.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.tfc_tools_dir, append_path=True)

# `tfc` is found through PATH rather than substituted: a substitution would also rewrite the
# word in options such as --emit=tfc.
llvm_config.add_tool_substitutions(["tfc-opt"], [config.tfc_tools_dir, config.llvm_tools_dir])

config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(
    ("%expect-exit", "%s %s" % (config.python_executable,
                                os.path.join(config.test_source_root, "Inputs", "expect-exit.py"))))
config.substitutions.append(("%tfc_src", config.tfc_src_root))
config.substitutions.append(("%tfc_bin", os.path.join(config.tfc_tools_dir, "tfc")))
config.substitutions.append(("%onnx_node", config.onnx_node_data))

# The host CPU's flags as features (cpu-avx512f, cpu-avx512_fp16, ...), for tests that need a
# CPU without some extension.
import platform
if platform.machine() in ("x86_64", "AMD64"):
    config.available_features.add("x86_64-host")
if os.path.exists("/proc/cpuinfo"):
    for line in open("/proc/cpuinfo"):
        if line.startswith("flags"):
            config.available_features.update("cpu-" + flag for flag in line.split(":")[1].split())
            break
