#!/usr/bin/env bash
# `pnpm test:load`: the whole `pnpm test` with two CPU hogs beside it (Debian's stress-ng), as a
# busy CI machine looks. No test may depend on how fast the machine is.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v stress-ng >/dev/null 2>&1; then
  echo "test:load needs Debian's stress-ng (apt-get install stress-ng)" >&2
  exit 2
fi
stress-ng --cpu 2 --quiet &
hogs=$!
trap 'kill "$hogs" 2>/dev/null || true; wait "$hogs" 2>/dev/null || true' EXIT
start=$(date +%s)
pnpm test
echo "== pnpm test passed beside stress-ng --cpu 2 in $(($(date +%s) - start)) s"
