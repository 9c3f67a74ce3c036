#!/usr/bin/env bash
# Measures the chat path against a plain SignalR relay in the same web front (docs/benchmarks.md):
# publishes the web front (Release, compiled ahead of time), makes sure PostgreSQL runs, then runs
# the load generator, which starts the web front as a process of its own for each scenario and
# backend. Arguments are passed on to the
# generator (for example --backends sqlite --scenarios steady --duration 60). It writes
# artifacts/benchmarks/summary.json and the results section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/postgres.sh
ensure_postgres

# Ten thousand waiting seekers are ten thousand sockets on each side.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" -lt 12000 ]; then
  echo "warning: only $(ulimit -n) open files allowed; the waiting room needs about 11,000" >&2
fi

# The web front is measured as it is deployed: published for this platform, compiled ahead of
# time (docs/deploy.md).
web_front=artifacts/benchmarks/web-front
dotnet publish src/WebFront -c Release -r linux-x64 --self-contained false -o "$web_front" \
  -nologo -v q -clp:ErrorsOnly
dotnet build tests/Nettiturvakoti.LoadGenerator -c Release -nologo -v q -clp:ErrorsOnly

export NTK_BENCH_COMMAND="./scripts/benchmark.sh${*:+ $*}"
exec dotnet tests/Nettiturvakoti.LoadGenerator/bin/Release/net10.0/Nettiturvakoti.LoadGenerator.dll \
  --web-front "$web_front/Nettiturvakoti.WebFront.dll" "$@"
