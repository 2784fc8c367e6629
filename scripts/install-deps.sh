#!/usr/bin/env bash
# Installs the Debian packages tfc needs to build and test; idempotent, silent when all are present.
set -euo pipefail

packages=(
  # build
  cmake ninja-build ccache g++ clang-22 lld-22
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  # frontends
  antlr4 libantlr4-runtime-dev default-jre-headless
  libonnx-dev libprotobuf-dev protobuf-compiler
  # tests
  libonnx-testdata python3-onnx python3-numpy libgtest-dev
  # rasp --draw
  graphviz
  # the RASP parser's fuzz target (libFuzzer and the sanitizer runtimes of clang-22)
  libclang-rt-22-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
