#!/usr/bin/env bash
# Long-run memory checks of the reference server (socketeer-server), not part of ./mvnw verify:
#
#   bench/soak.sh                                  # the soak: 1 h of mixed clients, heap after GC and RSS must stay flat
#   bench/soak.sh --duration=600 --warmup=120      # shorter; any --key=value of SoakMain overrides a default
#   bench/soak.sh --mode=bad-input                 # the bad-input heap check: heap after GC within 10 % after every class
#   bench/soak.sh --db=h2                          # without PostgreSQL (stored rows then live in the measured heap)
#
# The server (its own JVM, -Xms512m -Xmx512m, serial GC), the node clients and this harness all run on one core
# (taskset -c ${PIN:-1}; PIN=none leaves them unpinned). Default database: PostgreSQL at 127.0.0.1:5432, db
# "test", user postgres, in a fresh schema soak_<id> (--db.url, --db.user, --db.password move it).
# Results: $OUT (default bench-results/<mode>-<time>/): summary.md, result.json, memory.csv + memory.svg (soak),
# server.log, clients.log. Exit code 0 only on a pass. See BENCHMARKS.md, "Soak".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PIN=${PIN:-1}
PREFIX=()
[ "$PIN" != none ] && PREFIX=(taskset -c "$PIN")

[ -d compat/node_modules ] || (cd compat && npm ci --no-audit --no-fund)
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  "${PREFIX[@]}" ./mvnw -B -q -pl socketeer-bench,socketeer-server -am package -DskipTests
fi
mode=soak
for arg in "$@"; do
  case "$arg" in --mode=*) mode=${arg#--mode=} ;; esac
done
OUT=${OUT:-bench-results/$mode-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
# BENCH_JAR: a copy of the harness jar, so that a rebuild during an hour-long run cannot pull it from under it
exec "${PREFIX[@]}" java -Xmx256m -cp "${BENCH_JAR:-socketeer-bench/target/benchmarks.jar}" dev.socketeer.bench.soak.SoakMain \
  --root="$ROOT" --out="$OUT" --pin="$PIN" "$@"
