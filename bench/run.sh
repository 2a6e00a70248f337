#!/usr/bin/env bash
# Socketeer against Node socket.io (and the plain Netty ceiling, and the Spring-mounted reference server),
# side by side, in one run.
#
#   bench/run.sh                       # full run: every scenario, every server, 2 interleaved repeats
#   bench/run.sh --connect.hold=60     # any --key=value of BenchMain overrides a default (see BENCHMARKS.md)
#
# Each server runs pinned to core 0 (taskset -c 0, set by the harness), the load generator (this JVM)
# to core 1. Results: $OUT/results.jsonl (raw, one JSON object per line), summary.md (the table),
# *.png (charts), *.log (server output). bench-results/latest points at the newest run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

[ -d compat/node_modules ] || (cd compat && npm ci --no-audit --no-fund)
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # socketeer-server (the `spring` target, run as its jar with the bench profile) only when it is selected;
  # the default server list (no --servers=) includes it.
  modules=socketeer-bench
  servers=,spring,
  for arg in "$@"; do
    case "$arg" in --servers=*) servers=",${arg#--servers=}," ;; esac
  done
  case "$servers" in *,spring,*) modules=socketeer-bench,socketeer-server ;; esac
  ./mvnw -B -q -pl "$modules" -am package -DskipTests
fi

OUT=${OUT:-bench-results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
ln -sfn "$(basename "$OUT")" bench-results/latest 2>/dev/null || true

load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  echo "WARNING: load average is $load (> 0.5): other work is running, numbers will be noisy" >&2
fi

GEN_PIN=()
SERVER_PIN=0
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  GEN_PIN=(taskset -c 1)
else
  echo "WARNING: fewer than 2 cores or no taskset: running unpinned" >&2
  SERVER_PIN=none
fi

# The generator's JIT compiler threads run at nice 19, so that they compile in its loop's idle time: they
# share its one core, and a C2 compilation during a step (some still come 10-30 s into the load) delayed
# its sends by 5-22 ms at p99. HotSpot honours CompilerThreadPriority only with ThreadPriorityPolicy=1,
# which needs root. The servers' JVMs are left alone (see BENCHMARKS.md, "JVM settings").
GEN_PRIO=()
if [ "$(id -u)" = 0 ]; then
  GEN_PRIO=(-XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=19)
fi

exec "${GEN_PIN[@]}" java "${GEN_PRIO[@]}" ${GEN_JAVA_OPTS:-} -Xms1g -Xmx3g -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled \
  -cp socketeer-bench/target/benchmarks.jar dev.socketeer.bench.BenchMain \
  --root="$ROOT" --out="$OUT" --pin.server="$SERVER_PIN" "$@"
