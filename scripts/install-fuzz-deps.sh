#!/usr/bin/env bash
# Installs what scripts/fuzz.sh needs on top of scripts/install-deps.sh: clang and
# its compiler-rt (libclang-rt-dev brings libclang_rt.fuzzer, libFuzzer, for
# Debian 12's default clang 14; clang alone does not pull it in).
# Idempotent: only missing packages are installed.
set -euo pipefail

PACKAGES=(clang libclang-rt-dev)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "reelflow: installing ${#missing[@]} missing package(s): ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
