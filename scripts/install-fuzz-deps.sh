#!/usr/bin/env bash
# Installs what scripts/fuzz.sh needs on top of scripts/install-deps.sh: clang and
# its compiler-rt (libclang-rt-dev brings libclang_rt.fuzzer, libFuzzer, for
# Debian 12's default clang 14; clang alone does not pull it in).
set -euo pipefail
exec "$(dirname "$0")/install-deps.sh" clang libclang-rt-dev
