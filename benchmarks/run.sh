#!/usr/bin/env bash
# Runs the core's measurements and prints the tables that BENCHMARKS.md quotes.
#   benchmarks/run.sh              overhead (interleaved, 1 and 8 threads) and rate-limit efficiency
#   benchmarks/run.sh overhead     overhead table: every variant in short slices, rounds in shuffled order
#   benchmarks/run.sh jmh          the same variants under JMH (one after the other; 1 and 8 threads)
#   benchmarks/run.sh ratelimit    rate-limit efficiency against FakeDiscord
# Environment: BENCH_PORT (nginx port, default 18089); OVERHEAD_ARGS (default "1,8 9 1500 3000": thread counts,
# rounds, slice ms, warm-up ms); JMH_OPTS (default "-f 1 -wi 2 -w 3s -i 3 -r 4s"); RATELIMIT_SECONDS (default 20),
# RATELIMIT_THREADS (default 8). Everything stays on loopback; each part takes a few minutes at most.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
what="${1:-all}"
port="${BENCH_PORT:-18089}"
target="$here/target"
prefix="$target/nginx"

echo "== building (mvn package -pl benchmarks -am, tests skipped)"
(cd "$root" && mvn -B -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
classpath="$target/classes:$(cat "$target/classpath.txt")"

echo "== machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, $(java -version 2>&1 | head -1)"
echo "== load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

start_nginx() {
    # A run that was interrupted may have left its nginx behind: stop it before wiping its folder.
    if [ -f "$prefix/logs/nginx.pid" ]; then
        nginx -p "$prefix/" -c nginx.conf -s stop 2>/dev/null || true
        sleep 0.5
    fi
    rm -rf "$prefix" && mkdir -p "$prefix/logs" "$prefix/tmp"
    cp -r "$here/nginx/html" "$prefix/html"
    sed "s/@PORT@/$port/" "$here/nginx/nginx.conf" > "$prefix/nginx.conf"
    nginx -p "$prefix/" -c nginx.conf
    trap stop_nginx EXIT
    sleep 0.5
    curl -sf "http://127.0.0.1:$port/api/v10/users/@me" > /dev/null \
        || { echo "nginx did not answer on port $port" >&2; exit 1; }
    export BENCH_BASE_URL="http://127.0.0.1:$port"
}

stop_nginx() {
    nginx -p "$prefix/" -c nginx.conf -s stop 2>/dev/null || true
    trap - EXIT
}

run_overhead() {
    start_nginx
    echo
    echo "== overhead: GET /api/v10/users/@me against nginx on loopback, interleaved slices"
    # shellcheck disable=SC2086
    java -cp "$classpath" io.github.discordoauth2.benchmarks.Interleaved ${OVERHEAD_ARGS:-1,8 9 1500 3000}
    stop_nginx
}

run_jmh() {
    start_nginx
    # One fork, short iterations: the machine is small and shared; error bars show the noise.
    local opts="${JMH_OPTS:--f 1 -wi 2 -w 3s -i 3 -r 4s} -foe true"
    for threads in 1 8; do
        echo "== JMH, $threads thread(s)"
        # shellcheck disable=SC2086
        java -cp "$classpath" org.openjdk.jmh.Main "IdentifyBenchmark|CoreBenchmark" $opts -t "$threads" \
            -rf csv -rff "$target/jmh-$threads.csv" > "$target/jmh-$threads.log"
    done
    stop_nginx
    echo
    echo "== overhead under JMH (calls per second, mean ± 99.9% error)"
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
    jmh) run_jmh ;;
    ratelimit) run_ratelimit ;;
    all) run_overhead; run_ratelimit ;;
    *) echo "usage: $0 [all|overhead|jmh|ratelimit]" >&2; exit 2 ;;
esac
echo "== load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
