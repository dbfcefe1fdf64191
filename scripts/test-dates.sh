#!/usr/bin/env bash
# `pnpm test:dates`: the domain and API suites (every file that seeds or reads the demo, computes
# months, SLAs or deadlines) with the machine's clock moved by Debian's `faketime` to awkward
# instants. The suites pin their own "now" (apps/api/test/clock.ts), so they must pass whatever
# the real date is; this proves it. Needs the `faketime` package (.ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  echo "test:dates needs Debian's faketime (apt-get install faketime)" >&2
  exit 2
fi

# Instants in UTC (the machine's zone is set to UTC for the run):
INSTANTS=(
  "2026-11-30 16:30:00|the 1st of a month, 00:30 Asia/Shanghai"
  "2026-11-30 15:30:00|the last day of a month, 23:30 Asia/Shanghai"
  "2026-12-31 16:10:00|2027-01-01 00:10 +08:00"
  "2028-02-29 04:00:00|2028-02-29 12:00 Asia/Shanghai (leap day)"
  "2027-03-14 07:30:00|2027-03-14 03:30 New York, just after it changed to daylight time"
)
if [ -n "${TEST_DATES_ONLY:-}" ]; then INSTANTS=("${INSTANTS[@]:0:$TEST_DATES_ONLY}"); fi

failed=0
summary=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for entry in "${INSTANTS[@]}"; do
  at="${entry%%|*}"
  label="${entry#*|}"
  # An offset, not faketime's "@" (start at): with "@" each process starts its own clock at the
  # instant, so PostgreSQL, started first, runs minutes ahead of a test file's process started
  # later, and pg-boss's cron (which compares the two) never fires. An offset keeps one clock.
  offset=$(($(date -ud "$at" +%s) - $(date +%s)))
  if [ "$offset" -ge 0 ]; then offset="+$offset"; fi
  seen=$(TZ=UTC faketime -f "$offset" node -e 'process.stdout.write(new Date().toISOString())')
  echo "== test:dates at $at UTC ($label); node sees $seen"
  start=$(date +%s)
  if TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$offset" \
    pnpm exec vitest run --project packages --project api "$@" 2>&1 | tee "$log"; then
    echo "== passed at $at UTC in $(($(date +%s) - start)) s"
    summary+=("passed  $at UTC ($label)")
  else
    echo "== FAILED at $at UTC ($label)"
    summary+=("FAILED  $at UTC ($label)")
    # the failing files and tests, so that the end of the log (all a CI page may keep) names them
    while IFS= read -r line; do summary+=("        $line"); done < <(
      sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *(FAIL|×) ' | sort -u | head -20
    )
    # and why they failed (the first lines of each error), for the same reason
    while IFS= read -r line; do summary+=("          $line"); done < <(
      sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E -A3 '^ *([A-Za-z]*Error|Caused by)\b' | grep -v '^--$' | head -24
    )
    failed=1
  fi
done
echo "== test:dates summary"
printf '%s\n' "${summary[@]}"
exit $failed
