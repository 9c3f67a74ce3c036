#!/usr/bin/env bash
# Runs the whole test suite on this machine: installs and starts what the tests need (PostgreSQL,
# Chromium) when they are missing, then runs every test and prints one summary line:
#   tests: N passed, N failed, N skipped
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# PostgreSQL: start the Debian cluster if it is down, and give this user a role to create
# per-test databases with (peer authentication over the local socket, so no password).
version=$(pg_lsclusters -h | awk 'NR==1 {print $1}')
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  as_root pg_ctlcluster "$version" main start
fi
user=$(id -un)
as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c \
  "DO \$\$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$user') THEN CREATE ROLE \"$user\" LOGIN CREATEDB; END IF; END\$\$;"
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
