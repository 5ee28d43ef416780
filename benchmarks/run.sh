#!/usr/bin/env bash
# Runs the core's measurements and prints the tables that BENCHMARKS.md quotes.
#   benchmarks/run.sh              overhead (JMH, 1 and 8 threads) and rate-limit efficiency
#   benchmarks/run.sh overhead     only the JMH overhead table
#   benchmarks/run.sh ratelimit    only the rate-limit efficiency run against FakeDiscord
# Environment: BENCH_PORT (nginx port, default 18089), JMH_OPTS (JMH iteration options replacing the
# default "-f 1 -wi 2 -w 3s -i 3 -r 4s"),
# RATELIMIT_SECONDS (default 20), RATELIMIT_THREADS (default 8).
# Everything stays on loopback; each part is bounded to a few minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
what="${1:-all}"
port="${BENCH_PORT:-18089}"
target="$here/target"

echo "== building (mvn package -pl benchmarks -am, tests skipped)"
(cd "$root" && mvn -B -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
cp_file="$target/classpath.txt"
classpath="$target/classes:$(cat "$cp_file")"

echo "== machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, $(java -version 2>&1 | head -1)"
echo "== load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

run_overhead() {
    prefix="$target/nginx"
    # A run that was interrupted may have left its nginx behind: stop it before wiping its folder.
    [ -f "$prefix/logs/nginx.pid" ] && nginx -p "$prefix/" -c nginx.conf -s stop 2>/dev/null && sleep 0.5
    rm -rf "$prefix" && mkdir -p "$prefix/logs" "$prefix/tmp"
    cp -r "$here/nginx/html" "$prefix/html"
    sed "s/@PORT@/$port/" "$here/nginx/nginx.conf" > "$prefix/nginx.conf"
    nginx -p "$prefix/" -c nginx.conf
    trap 'nginx -p "$prefix/" -c nginx.conf -s stop 2>/dev/null || true' EXIT
    sleep 0.5
    curl -sf "http://127.0.0.1:$port/api/v10/users/@me" > /dev/null \
        || { echo "nginx did not answer on port $port" >&2; exit 1; }
    export BENCH_BASE_URL="http://127.0.0.1:$port"
    # One fork, short iterations: the machine is small and shared; error bars show the noise.
    local opts="${JMH_OPTS:--f 1 -wi 2 -w 3s -i 3 -r 4s} -foe true"
    for threads in 1 8; do
        echo "== JMH, $threads thread(s)"
        java -cp "$classpath" org.openjdk.jmh.Main "IdentifyBenchmark|CoreBenchmark" $opts -t "$threads" \
            -rf csv -rff "$target/jmh-$threads.csv" > "$target/jmh-$threads.log"
        grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)' "$target/jmh-$threads.log" || true
    done
    nginx -p "$prefix/" -c nginx.conf -s stop || true
    trap - EXIT
    echo
    echo "== overhead: GET /api/v10/users/@me against nginx on loopback (calls per second, JMH mean ± 99.9% error)"
    java -cp "$classpath" io.github.discordoauth2.benchmarks.OverheadReport "$target/jmh-1.csv" "$target/jmh-8.csv"
}

run_ratelimit() {
    echo
    echo "== rate-limit efficiency against FakeDiscord"
    java -cp "$classpath" io.github.discordoauth2.benchmarks.RateLimitEfficiency \
        "${RATELIMIT_SECONDS:-20}" "${RATELIMIT_THREADS:-8}"
}

case "$what" in
    overhead) run_overhead ;;
    ratelimit) run_ratelimit ;;
    all) run_overhead; run_ratelimit ;;
    *) echo "usage: $0 [all|overhead|ratelimit]" >&2; exit 2 ;;
esac
echo "== load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
