#!/usr/bin/env bash
# Runs the whole test suite on this machine: installs and starts what the tests need (PostgreSQL,
# Chromium) when they are missing, then runs every test and prints one summary line:
#   tests: N passed, N failed, N skipped
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL and Chromium from Debian's packages when missing; PostgreSQL started.
source scripts/lib/postgres.sh
ensure_postgres chromium
export NTK_TEST_POSTGRES="${NTK_TEST_POSTGRES:-Host=/var/run/postgresql;Username=$user;Database=postgres}"

results=TestResults
rm -rf "$results"
status=0
dotnet test Nettiturvakoti.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" || status=$?

counters=$(grep -ho '<Counters [^>]*>' "$results"/*.trx 2>/dev/null || true)
count() { echo "$counters" | grep -o "$1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(( $(count notExecuted) + $(count inconclusive) ))
if [ -z "$counters" ] && [ "$status" -ne 0 ]; then failed=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
