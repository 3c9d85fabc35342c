#!/usr/bin/env bash
# Builds the web app in release mode and serves it on http://127.0.0.1:8080.
#
# FIXME: the companion proxy does not exist yet; once it does, it serves the app and this
# script starts it instead of Trunk's development server.

set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

# No auto-reload: the page must make no connection of its own, not even to this server.
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port 8080
