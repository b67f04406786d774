#!/usr/bin/env bash
# `npm test`: every test — lint, types, unit, integration (real PostgreSQL, real ClamAV) and
# end-to-end (production build in Debian's Chromium). Provisions what npm cannot: Chromium,
# qpdf and ClamAV from Debian when they are missing, starts the local PostgreSQL cluster if it is not
# running, and runs a clamd with the test signatures for the whole run (CLAMD_SOCKET, also
# seen by the e2e servers); it is stopped at the end unless it was already running.
# Uses DATABASE_URL's server when set, else 127.0.0.1:5432 as postgres.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

export NEXT_TELEMETRY_DISABLED=1
export TEST_DATABASE_SERVER_URL="${TEST_DATABASE_SERVER_URL:-${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}}"
unset DATABASE_URL

# One EXIT trap for everything this run starts or creates; each part only once it exists.
stop_clamd=0
e2e_created=0
cleanup() {
  if [ "$e2e_created" = 1 ]; then
    node scripts/ci/e2e-database.mjs drop "$TEST_DATABASE_SERVER_URL" "$E2E_DATABASE_URL" || true
    rm -rf "$E2E_EMBEDDED_DATA_DIR" "$(dirname "$E2E_EMBEDDED_DATA_DIR")/s3-$(basename "$E2E_EMBEDDED_DATA_DIR")"
  fi
  if [ "$stop_clamd" = 1 ]; then bash scripts/ci/ensure-clamav.sh stop || true; fi
}
trap cleanup EXIT

step "Provisioning"
bash scripts/ci/ensure-chromium.sh
bash scripts/ci/ensure-qpdf.sh
bash scripts/ci/ensure-postgres.sh "$TEST_DATABASE_SERVER_URL"
bash scripts/ci/ensure-clamav.sh status || stop_clamd=1
CLAMD_SOCKET="$(bash scripts/ci/ensure-clamav.sh start)"
export CLAMD_SOCKET

step "Lint"
npx --no-install eslint . --max-warnings=0

step "Type check"
npx --no-install tsc --noEmit -p .

step "Unit tests"
npx --no-install vitest run --project unit

step "Integration tests (PostgreSQL, PGlite)"
npx --no-install vitest run --project integration

step "Production build"
npx --no-install next build

step "End-to-end tests (Chromium)"
E2E_DATABASE_URL="$(node scripts/ci/e2e-database.mjs create "$TEST_DATABASE_SERVER_URL")"
export E2E_DATABASE_URL
export E2E_EMBEDDED_DATA_DIR="$PWD/.test-data/embedded-$$"
e2e_created=1
npx --no-install playwright test
