#!/usr/bin/env bash
# Issue 17's scale-out run: 5 Socketeer nodes (the example server's room contract on the classic Redis
# adapter, one redis-server of the run's own) x 19,000 websocket clients each, one load-generator process per
# node (the machine allows 20,000 open files per process), then single broadcasts from a client of the first
# node to the room every client joined. Reports the time until the last delivery, each node's RSS and heap,
# and Redis's CPU; writes bench/cluster-scale/results.json and summary.md (replacing them).
#
#   bench/cluster-scale.sh                                # 5 x 19,000
#   bench/cluster-scale.sh --nodes=5 --clients=1000       # small first
#   bench/cluster-scale.sh --out=/tmp/x --broadcasts=5    # any --key=value of ScaleMain
#
# Bounded: the whole run is killed after SCALE_TIMEOUT seconds (default 900); every process it started is
# ended on exit, also on failure or Ctrl-C (they are all in this script's process group).
set -euo pipefail
cd "$(dirname "$0")/.."

# run as the leader of a process group of our own, so that the trap ends everything started below (servers,
# workers, redis-server) and nothing else
if [ -z "${SCALE_IN_GROUP:-}" ]; then
  SCALE_IN_GROUP=1 exec setsid --wait "$0" "$@"
fi
cleanup() {
  trap - EXIT INT
  trap '' TERM
  kill -TERM -- "-$$" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl socketeer-bench -am package -DskipTests
fi
echo "client port range: $(cat /proc/sys/net/ipv4/ip_local_port_range | tr '\t' '-'); open files: $(ulimit -n)" >&2
timeout --foreground --kill-after=10 "${SCALE_TIMEOUT:-900}" java -Xmx512m -cp socketeer-bench/target/benchmarks.jar \
  dev.socketeer.bench.scale.ScaleMain --out=bench/cluster-scale "$@"
