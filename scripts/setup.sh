#!/usr/bin/env bash
# Installs what building and testing mta-sts-check needs, and only what is missing: the wasm32
# target, Trunk, the wasm-bindgen CLI at the version Cargo.lock pins, wasm-opt (binaryen from
# npm), Chromium with chromedriver, the browser tests' npm packages, and aiosmtpd (the real SMTP
# server of the probe tests) in a virtual environment. Quick when all is there.
#
# Sourced by scripts/serve.sh and scripts/test.sh, so that PATH changes reach them.

set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="${XDG_CACHE_HOME:-$HOME/.cache}/mta-sts-check/tools"
trunk_version=0.21.14
binaryen_version=132
aiosmtpd_version=1.4.6
mkdir -p "$tools"
export PATH="$HOME/.cargo/bin:$tools/node_modules/.bin:$PATH"

say() { printf 'setup: %-18s %s\n' "$1" "$2"; }

# The wasm-bindgen CLI must match the library exactly, so its version comes from Cargo.lock.
wasm_bindgen_version=$(awk \
  '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' \
  "$repo/Cargo.lock")

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say wasm32 "found"
else
  rustup target add wasm32-unknown-unknown >/dev/null
  say wasm32 "installed"
fi

if [ "$(trunk --version 2>/dev/null)" = "trunk $trunk_version" ]; then
  say trunk "found $trunk_version"
else
  cargo install trunk --version "$trunk_version" --locked --quiet
  say trunk "installed $trunk_version"
fi

if [ -z "$wasm_bindgen_version" ]; then
  say wasm-bindgen "not in Cargo.lock; skipped"
elif [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $wasm_bindgen_version" ]; then
  say wasm-bindgen "found $wasm_bindgen_version"
else
  # Without --locked: one of the CLI's locked dependencies is no longer on the registry.
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --quiet
  say wasm-bindgen "installed $wasm_bindgen_version"
fi

if wasm-opt --version 2>/dev/null | grep -q "version $binaryen_version"; then
  say wasm-opt "found $binaryen_version"
else
  # Debian's binaryen is too old for what rustc emits; npm's is current.
  npm install --prefix "$tools" --no-audit --no-fund --silent "binaryen@$binaryen_version"
  say wasm-opt "installed $binaryen_version"
fi

if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  say chromium "found"
else
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
  say chromium "installed"
fi

if [ -f "$repo/tests/browser/package-lock.json" ]; then
  if [ -d "$repo/tests/browser/node_modules/playwright-core" ]; then
    say browser-tests "found"
  else
    npm ci --prefix "$repo/tests/browser" --no-audit --no-fund --silent
    say browser-tests "installed"
  fi
fi

# The probe tests talk to a real SMTP server the project did not write: aiosmtpd, in its own
# virtual environment so the machine's Python stays untouched. The tests find it here.
export MTA_STS_CHECK_PYTHON="$tools/venv/bin/python"
if "$MTA_STS_CHECK_PYTHON" -c "import aiosmtpd; assert aiosmtpd.__version__ == '$aiosmtpd_version'" \
  2>/dev/null; then
  say aiosmtpd "found $aiosmtpd_version"
else
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==$aiosmtpd_version"
  say aiosmtpd "installed $aiosmtpd_version"
fi
