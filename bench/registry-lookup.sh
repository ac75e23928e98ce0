#!/usr/bin/env bash
# Channel lookups against a running `tsbuild registry serve`: the routes data sources and Terraform read (the channel
# GET and the Terraform state document of channel `production`, cycling through every bucket), measured with wrk (a C
# load generator) at a paced offered rate of 1000 requests per second and at full speed, on
#   sqlite  one server over a SQLite file;
#   pg      PostgreSQL 15 with two server replicas behind an nginx load balancer (upstream keep-alive);
#   floor   the same, with two bare node:http servers in place of the replicas (bench/registry-floor.mjs): each lookup
#           reads the change mark from the same PostgreSQL and answers with the same document, and does nothing else.
#           What a Node replica that keeps the registry's promise (every lookup sees every change committed before it,
#           through any replica) cannot do without, on this machine;
#   static  the best tool: nginx serving the same JSON documents as static files (same paths, same bytes).
# The registry holds BUCKETS buckets of VERSIONS complete versions (two builds, four artifacts each), channels with an
# assignment history, and a revoked production version in every tenth bucket (bench/registry-seed.mjs). Prints a
# table (requests per second achieved, p50 and p99 latency, non-2xx answers) and the ratios to nginx; target: p99 < 5 ms
# at 1000 req/s. The targets are measured one after the other, each alone: the servers of one are stopped before the
# next starts.
# The 1000 req/s run is open-loop: bench/registry-pace.lua schedules one request every millisecond over
# PACED_CONNECTIONS connections, so requests arrive spread out, not in bursts, and a slow answer does not slow the
# offered rate down. The full-speed run is closed-loop over CONNECTIONS connections (each sends its next request when
# the last answer arrives). Latency is wrk's, from writing a request to reading its answer, in microseconds.
# On a machine with two cores or more, the load generator runs on one core (LOAD_CPU, 1) and every server (tsbuild,
# nginx, PostgreSQL) on another (SERVER_CPU, 0), with taskset, so that neither steals the other's CPU time; the
# output says so. Each nginx has one worker process. `uptime` is printed after each run, with the share of the server
# CPU's time that the hypervisor gave to other guests during it (steal): on a shared machine, read the numbers with them.
# usage: bench/registry-lookup.sh [SECONDS]   (default 10 per run; `npm run build` first; root to install wrk, nginx
#        or PostgreSQL when missing). Env: BUCKETS (50), VERSIONS (20), CONNECTIONS (10), PACED_CONNECTIONS (50),
#        TARGETS ("sqlite pg floor static"), RUNS (1: how many times each target's runs are made, on the same servers,
#        warm-up included; the report then counts the runs that met the target), SERVER_CPU (0), LOAD_CPU (1),
#        TSBUILD_CLI (bin/tsbuild.js of this checkout; another build's, to compare two builds on one machine state),
#        TRACE_DIR (keep, in this folder, what explains a slow answer: each server's log with V8's GC trace, nginx's
#        access logs with `$msec $request_time $upstream_response_time $upstream_addr`, PostgreSQL's log with
#        autovacuum runs, checkpoints and statements over 10 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-10}
runs=${RUNS:-1}
buckets=${BUCKETS:-50}
versions=${VERSIONS:-20}
connections=${CONNECTIONS:-10}
paced_connections=${PACED_CONNECTIONS:-50}
targets=${TARGETS:-sqlite pg floor static}
cli=${TSBUILD_CLI:-$root/bin/tsbuild.js}
[ -f "$(dirname "$cli")/../dist/bundle/main.cjs" ] || { echo "bench: run npm run build first" >&2; exit 1; }

apt_install() {
  [ "$(id -u)" = 0 ] || { echo "bench: $1 is missing; run as root to install it, or apt-get install $1" >&2; exit 1; }
  echo "bench: installing $1" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" > /dev/null 2>&1 || { apt-get update -q > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" > /dev/null; }
}
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { apt_install nginx; nginx=/usr/sbin/nginx; }
command -v wrk > /dev/null || apt_install wrk

# Servers on one core, the load generator on another, when there are two.
if [ "$(nproc)" -ge 2 ]; then
  server_cpu=${SERVER_CPU:-0}
  load_cpu=${LOAD_CPU:-1}
  on_server_cpu=(taskset -c "$server_cpu")
  on_load_cpu=(taskset -c "$load_cpu")
  pinning="servers (tsbuild, nginx, PostgreSQL) on CPU $server_cpu, wrk on CPU $load_cpu (taskset)"
else
  on_server_cpu=()
  on_load_cpu=()
  pinning="one CPU: servers and wrk share it (no pinning)"
fi
tsbuild=(node "$cli")
trace_dir=${TRACE_DIR:-}
serve_node=(node "$cli")
pg_trace=""
if [ -n "$trace_dir" ]; then
  mkdir -p "$trace_dir"
  trace_dir=$(cd "$trace_dir" && pwd)
  serve_node=(node --trace-gc "$cli")
  pg_trace="-c log_autovacuum_min_duration=0 -c log_checkpoints=on -c log_min_duration_statement=10 -c log_line_prefix=%m"
fi

pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -t/ -k4 -nr) /usr/local/bin $(dirname "$(command -v initdb 2> /dev/null || echo /nonexistent/x)"); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
}
has_target() { [[ " $targets " == *" $1 "* ]]; }
if { has_target pg || has_target floor; } && [ -z "$(pg_bin)" ]; then apt_install postgresql; fi

work=$(mktemp -d /tmp/tsbuild-regbench-XXXXXX)
chmod 755 "$work"
pids=()
pg_data=""
# Stops the servers started so far, PostgreSQL aside; their logs stay in $work.
stop_processes() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2> /dev/null || true; done
  pids=()
}
# Stops every server started so far, PostgreSQL included.
stop_servers() {
  stop_processes
  if [ -n "$pg_data" ]; then as_pg "$(pg_bin)/pg_ctl" stop -D "$pg_data" -m fast -s > /dev/null 2>&1 || true; fi
  pg_data=""
}
cleanup() {
  stop_servers
  if [ -n "$trace_dir" ]; then
    cp "$work"/serve-*.log "$trace_dir/" 2> /dev/null || true
    for p in "$work"/*/access.log "$work/pg/server.log"; do [ -f "$p" ] && cp "$p" "$trace_dir/$(basename "$(dirname "$p")")-$(basename "$p")"; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# PostgreSQL's server binaries refuse root: the cluster belongs to a local system user (as in the tests).
PG_USER=tsbuildpg
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }

# Waits (30 s at most) until LOG, the output of the server started last, has a line matching PATTERN; exits with the
# log when it does not, or when the server ends first. WHAT names the server in the message.
await_line() {
  local log=$1 pattern=$2 what=$3 i
  for ((i = 0; i < 300; i++)); do
    grep -q "$pattern" "$log" && return 0
    kill -0 "${pids[-1]}" 2> /dev/null || break
    sleep 0.1
  done
  echo "bench: $what did not start:" >&2; cat "$log" >&2; exit 1
}

# Starts `tsbuild registry serve` on PORT over DB in the background; returns once it listens.
serve() {
  local port=$1 db=$2 log="$work/serve-$1.log"
  "${on_server_cpu[@]}" "${serve_node[@]}" registry serve -listen "127.0.0.1:$port" -db "$db" > "$log" 2>&1 &
  pids+=($!)
  await_line "$log" 'Registry listening' 'the registry'
}

# Starts bench/registry-floor.mjs on PORT in the background (documents from the static folder); returns once it listens.
serve_floor() {
  local port=$1 log="$work/floor-$1.log"
  "${on_server_cpu[@]}" node bench/registry-floor.mjs "$port" "$pg_url" "$work/static/html" > "$log" 2>&1 &
  pids+=($!)
  await_line "$log" '^listening' 'the floor server'
}

new_token() { "${tsbuild[@]}" registry token create -db "$1" -scope "$2" | tail -n 1; }

# nginx in the foreground of a background job, with CONFIG inside `http { server { ... } }`.
start_nginx() {
  local name=$1 port=$2 config=$3
  mkdir -p "$work/$name/logs"
  { echo "worker_processes 1; pid $work/$name/nginx.pid; error_log $work/$name/logs/error.log warn; $( [ "$(id -u)" = 0 ] && echo 'user root;')"
    echo "events { worker_connections 1024; }"
    echo "http { $( [ -n "$trace_dir" ] && echo "log_format timing '\$msec \$request_time \$upstream_response_time \$upstream_addr'; access_log $work/$name/access.log timing;" || echo 'access_log off;') default_type application/json; keepalive_requests 1000000; server { listen 127.0.0.1:$port; $config } }"; } > "$work/$name/nginx.conf"
  "${on_server_cpu[@]}" "$nginx" -p "$work/$name" -c "$work/$name/nginx.conf" -g 'daemon off;' &
  pids+=($!)
  local i
  for ((i = 0; i < 100; i++)); do (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && return 0; sleep 0.1; done
  echo "bench: nginx ($name) did not start:" >&2; cat "$work/$name/logs/error.log" >&2; exit 1
}

# nginx NAME on PORT as a load balancer over the servers on loopback ports A and B (HTTP/1.1, upstream keep-alive).
start_balancer() {
  local name=$1 port=$2 a=$3 b=$4
  start_nginx "$name" "$port" "location / { proxy_pass http://$name; proxy_http_version 1.1; proxy_set_header Connection \"\"; } } upstream $name { server 127.0.0.1:$a; server 127.0.0.1:$b; keepalive 64;"
}

declare -A url token
results="$work/results"
: > "$results"

# One wrk run: ROUTE at RATE requests per second (0: full speed) over CONNS connections for SECONDS; prints
# `rps p50_ms p99_ms non2xx socket_errors` from wrk's report (latencies in us, ms or s).
wrk_run() {
  local target=$1 route=$2 rate=$3 conns=$4 secs=$5
  "${on_load_cpu[@]}" wrk -t1 -c"$conns" -d"${secs}s" --latency -s bench/registry-pace.lua "${url[$target]}" -- "$rate" "$buckets" "$route" "${token[$target]}" |
    awk '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v + 0 }
      $1 == "50%" { p50 = ms($2) }
      $1 == "99%" { p99 = ms($2) }
      /^Requests\/sec:/ { rps = $2 }
      /Non-2xx or 3xx responses:/ { bad = $NF }
      /Socket errors:/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
      END { if (rps == "") exit 1; printf "%.1f %.3f %.3f %d %d\n", rps, p50, p99, bad, errors }'
}

# The server CPU's times from /proc/stat (all CPUs' when the servers are not on one), and the share of them that the
# hypervisor took for other guests since then ("steal"): on a virtual machine, time the servers were not running at all.
steal_cpu=$([[ "${server_cpu:-}" =~ ^[0-9]+$ ]] && echo "cpu$server_cpu" || echo cpu)
cpu_times() { awk -v c="$steal_cpu" '$1 == c { t = 0; for (i = 2; i <= 9; i++) t += $i; print t, $9 }' /proc/stat 2> /dev/null; }
steal_since() {
  local now
  now=$(cpu_times)
  [ -n "$1" ] && [ -n "$now" ] || { echo -; return 0; }
  echo "$1 $now" | awk '{ d = $3 - $1; printf "%.1f\n", (d > 0 ? 100 * ($4 - $2) / d : 0) }'
}

# Runs the matrix for one target: each route, 1000 req/s (paced) and full speed, after a warm-up.
measure() {
  local target=$1 route rate line conns run before stolen
  for ((run = 1; run <= runs; run++)); do
    for route in channel terraform; do
      # Warm-up, not counted: full speed (the JIT compiles the lookup path), then the paced rate (the heap and every
      # connection settle at the measured load).
      wrk_run "$target" "$route" 0 "$connections" 2 > /dev/null
      wrk_run "$target" "$route" 1000 "$paced_connections" 3 > /dev/null
      for rate in 1000 0; do
        conns=$([ "$rate" = 0 ] && echo "$connections" || echo "$paced_connections")
        before=$(cpu_times)
        line=$(wrk_run "$target" "$route" "$rate" "$conns" "$seconds")
        stolen=$(steal_since "$before")
        echo "$target $route $rate $line $stolen $run" >> "$results"
        echo "  $target$([ "$runs" = 1 ] || echo " (run $run)") $route $([ "$rate" = 0 ] && echo "max ($conns connections)" || echo "$rate/s paced ($conns connections)"): req/s p50 p99 non-2xx errors = $line; $(uptime | sed 's/.*load/load/'); steal on $steal_cpu: $stolen%" >&2
      done
    done
  done
}

echo "load before: $(uptime)"
echo "nproc: $(nproc); $pinning"
echo "$buckets buckets x $versions versions; 1000 req/s paced over $paced_connections connections, full speed over $connections; $seconds s per run"

# SQLite: one server. It is also the source of the static documents.
sqlite_port=$(free_port)
mkdir -p "$work/sqlite"
sqlite_db="$work/sqlite/registry.db"
token[sqlite]=$(new_token "$sqlite_db" write)
read_token=$(new_token "$sqlite_db" read)
serve "$sqlite_port" "$sqlite_db"
url[sqlite]="http://127.0.0.1:$sqlite_port"
node bench/registry-seed.mjs "${url[sqlite]}" "${token[sqlite]}" "$buckets" "$versions" | sed 's/^/sqlite: /'
token[sqlite]=$read_token

# The documents nginx static and the floor servers answer with: the SQLite registry's own answers.
if has_target static || has_target floor; then
  mkdir -p "$work/static/html"
  for ((b = 1; b <= buckets; b++)); do
    name=$(printf 'service-%02d' "$b")
    for path in "/packer/2023-01-01/organizations/default/projects/default/buckets/$name/channels/production" "/terraform/v1/buckets/$name/channels/production"; do
      mkdir -p "$work/static/html$(dirname "$path")"
      curl -sf -H "Authorization: Bearer $read_token" "${url[sqlite]}$path" -o "$work/static/html$path"
    done
  done
fi
# Each target is measured alone on the machine: the servers of the one before are stopped first (an idle server
# still runs its timers and garbage collections on the server core).
if has_target sqlite; then measure sqlite; fi
stop_servers

if has_target pg || has_target floor; then
  bin=$(pg_bin)
  if [ "$(id -u)" = 0 ]; then
    id "$PG_USER" > /dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
    mkdir -p "$work/pg"; chown "$PG_USER" "$work/pg"
  else
    mkdir -p "$work/pg"
  fi
  pg_port=$(free_port)
  as_pg "$bin/initdb" -A trust -U postgres -E UTF8 -D "$work/pg/data" > "$work/pg/initdb.log" 2>&1
  pg_data="$work/pg/data"
  as_pg "${on_server_cpu[@]}" "$bin/pg_ctl" start -W -D "$pg_data" -l "$work/pg/server.log" -o "-h 127.0.0.1 -p $pg_port -k $work/pg $pg_trace" > /dev/null
  for ((i = 0; i < 300; i++)); do "$bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && break; sleep 0.1; done
  pg_url="postgres://postgres@127.0.0.1:$pg_port/postgres"
  token[pg]=$(new_token "$pg_url" write)
  pg_read=$(new_token "$pg_url" read)
  replica_a=$(free_port); serve "$replica_a" "$pg_url"
  replica_b=$(free_port); serve "$replica_b" "$pg_url"
  lb_port=$(free_port)
  start_balancer lb "$lb_port" "$replica_a" "$replica_b"
  url[pg]="http://127.0.0.1:$lb_port"
  node bench/registry-seed.mjs "${url[pg]}" "${token[pg]}" "$buckets" "$versions" | sed 's/^/pg: /'
  # As after any bulk load: statistics and visibility maps brought up to date now, so that autovacuum does not start
  # on the new rows in the middle of a run. A session reports its row counts to the statistics some time after its
  # writes (when idle: within 10 s), and counts reported after the ANALYZE would start autovacuum all the same: first
  # wait until the counts of the load have all arrived (unchanged for 11 s, at most 90 s).
  counts() { "$bin/psql" -qAt -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c 'select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) from pg_stat_user_tables'; }
  last=$(counts); since=$SECONDS; start=$SECONDS
  while ((SECONDS - since < 11 && SECONDS - start < 90)); do
    sleep 1
    now=$(counts)
    [ "$now" = "$last" ] || { last=$now; since=$SECONDS; }
  done
  # Every database, the new cluster's template1 included (its catalogs were never analyzed, and autovacuum would visit
  # them during a run); then once more without ANALYZE, which leaves dead rows of its own in pg_statistic.
  "$bin/vacuumdb" -q -h 127.0.0.1 -p "$pg_port" -U postgres --all --freeze --analyze
  "$bin/vacuumdb" -q -h 127.0.0.1 -p "$pg_port" -U postgres --all
  # ... and the load's dirty pages written out now rather than by a checkpoint during a run.
  "$bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c 'CHECKPOINT' > /dev/null
  token[pg]=$pg_read
  if has_target pg; then measure pg; fi
  if has_target floor; then
    # The replicas and their nginx give way to the floor servers and an nginx of their own, over the same database.
    stop_processes
    floor_a=$(free_port); serve_floor "$floor_a"
    floor_b=$(free_port); serve_floor "$floor_b"
    floor_lb=$(free_port)
    start_balancer floor "$floor_lb" "$floor_a" "$floor_b"
    url[floor]="http://127.0.0.1:$floor_lb"
    token[floor]=none
    measure floor
  fi
  stop_servers
fi

if has_target static; then
  static_port=$(free_port)
  start_nginx static "$static_port" "location / { root $work/static/html; }"
  url[static]="http://127.0.0.1:$static_port"
  token[static]=none
  measure static
  stop_servers
fi

echo "load after: $(uptime)"
echo
awk -v runs="$runs" '
  # The median of the values of list[1..n].
  function median(list, n,   i, j, v) {
    for (i = 2; i <= n; i++) { v = list[i]; for (j = i - 1; j >= 1 && list[j] > v; j--) list[j + 1] = list[j]; list[j + 1] = v }
    return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
  }
  # The median over the runs of FIELD (rps or p99) of target T, ROUTE at RATE.
  function mid(field, t, route, rate,   k, n, list) {
    n = 0
    for (k = 1; k <= runs; k++) if ((t, route, rate, k) in rps) list[++n] = field == "rps" ? rps[t, route, rate, k] : p99[t, route, rate, k]
    return median(list, n)
  }
  { k = $1 SUBSEP $2 SUBSEP $3 SUBSEP $10; rps[k] = $4; p50[k] = $5; p99[k] = $6; bad[k] = $7 + $8; steal[k] = $9; seen[$1] = 1 }
  END {
    printf "%-8s %-10s %-9s %s%9s %8s %8s %7s %7s\n", "target", "route", "offered", (runs > 1 ? "run " : ""), "req/s", "p50 ms", "p99 ms", "non-2xx", "steal %"
    n = split("sqlite pg floor static", order, " ")
    for (i = 1; i <= n; i++) { t = order[i]; if (!(t in seen)) continue
      for (r = 1; r <= 2; r++) { route = r == 1 ? "channel" : "terraform"
        for (q = 1; q <= 2; q++) { rate = q == 1 ? "1000" : "0"
          for (run = 1; run <= runs; run++) { k = t SUBSEP route SUBSEP rate SUBSEP run
            if (!(k in rps)) continue
            printf "%-8s %-10s %-9s %s%9d %8.2f %8.2f %7d %7s\n", t, route, rate == 0 ? "max" : rate "/s", (runs > 1 ? sprintf("%3d ", run) : ""), rps[k], p50[k], p99[k], bad[k], steal[k] } } } }
    print ""
    # A verdict for every target but nginx static, the reference.
    for (i = 1; i <= n; i++) { t = order[i]; if (!(t in seen) || t == "static") continue
      for (r = 1; r <= 2; r++) { route = r == 1 ? "channel" : "terraform"
        # Met: p99 under 5 ms, every answer a 2xx, and the offered rate reached (95% of it over the run).
        met = 0; list = ""
        for (run = 1; run <= runs; run++) { k = t SUBSEP route SUBSEP "1000" SUBSEP run
          if (!(k in rps)) continue
          if (p99[k] + 0 < 5 && bad[k] == 0 && rps[k] >= 950) met++
          list = list (list == "" ? "" : ", ") sprintf("%.2f ms (%d req/s)", p99[k], rps[k]) }
        k = t SUBSEP route SUBSEP "1000" SUBSEP 1
        if (runs == 1) printf "%-6s %-9s p99 at 1000 req/s %.2f ms (%d req/s achieved): target < 5 ms %s", t, route, p99[k], rps[k], met ? "met" : "NOT met"
        else printf "%-6s %-9s p99 at 1000 req/s, %d runs: %s: target < 5 ms met in %d of %d", t, route, runs, list, met, runs
        if (("static" SUBSEP route SUBSEP "0" SUBSEP 1) in rps) printf "; full speed %.2f x nginx static req/s, p99 at 1000 req/s %.2f x nginx%s", mid("rps", t, route, "0") / mid("rps", "static", route, "0"), mid("p99", t, route, "1000") / mid("p99", "static", route, "1000"), (runs > 1 ? " (medians of the runs)" : "")
        printf "\n" } }
  }' "$results"
