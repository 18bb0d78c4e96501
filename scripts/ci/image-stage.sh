#!/usr/bin/env bash
# The image stage of CI (.ci/run), following docs/deploy.md and the containers note: build the app image with podman,
# run three replicas of it on one fresh PostgreSQL database (two straight to the server, one through PgBouncer in
# transaction mode) behind haproxy, and check what an operator relies on:
#   - every replica becomes ready (migrations and the demo seed applied once, concurrently) without building anything;
#   - it runs as a non-root user on a read-only root filesystem;
#   - request ids, JSON request logs and Prometheus metrics on the separate port;
#   - a session made on one replica works on the others (scripts/ci/cross-replica.mjs);
#   - one browser journey through haproxy: sign up, confirm by mail, rate, dashboard (tests/image/journey.spec.ts);
#   - SIGTERM stops a replica cleanly (exit code 0).
# Everything it starts is removed on exit. Needs root (podman, apt), PostgreSQL on 127.0.0.1:5432 and `npm ci` done.
set -euo pipefail
cd "$(dirname "$0")/../.."

ts() { echo "[$(date -u +%H:%M:%S)] image: $*"; }
fail() {
  echo "[$(date -u +%H:%M:%S)] image: FAILED: $*" >&2
  exit 1
}

IMAGE=${SKILLGAP_CI_IMAGE:-localhost/skillgap:ci}
BASE=localhost/node:20-bookworm-slim
DB=sg_image_ci
PG=postgresql://postgres@127.0.0.1:5432
LB_PORT=3500
PORTS=(3501 3502 3503)
METRICS=(9501 9502 9503)
PGBOUNCER_PORT=6442
MAIL_SMTP=2625
MAIL_HTTP=2680
work=$(mktemp -d /tmp/sg-image-stage.XXXXXX)
chmod 755 "$work"

cleanup() {
  set +e
  for i in 1 2 3; do podman rm -f -t 0 "sg-ci-r$i" >/dev/null 2>&1; done
  [ -f "$work/haproxy.pid" ] && kill "$(cat "$work/haproxy.pid")" 2>/dev/null
  [ -f "$work/pgbouncer.pid" ] && kill "$(cat "$work/pgbouncer.pid")" 2>/dev/null
  [ -n "${mail_pid:-}" ] && kill "$mail_pid" 2>/dev/null
  sleep 1
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# ---- 1. Tools -------------------------------------------------------------------------------------------------------
missing=()
for tool in podman runc debootstrap haproxy pgbouncer; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  ts "installing ${missing[*]} with apt"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq podman runc debootstrap haproxy pgbouncer >/dev/null
fi
export PATH="$PATH:/usr/sbin"
# crun refuses this machine's hybrid cgroups, and podman's default rlimits exceed its hard limits (containers note).
if ! grep -q 'runtime = "runc"' /etc/containers/containers.conf 2>/dev/null; then
  mkdir -p /etc/containers
  cat >/etc/containers/containers.conf <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=32768:32768"]
[engine]
runtime = "runc"
CONF
fi

# ---- 2. Images ------------------------------------------------------------------------------------------------------
ts "base image"
bash scripts/image/base-image.sh "$BASE"
ts "building $IMAGE"
build_start=$(date +%s)
podman build -q --format docker --build-arg BASE_IMAGE="$BASE" -t "$IMAGE" . >"$work/build.log" 2>&1 || {
  tail -40 "$work/build.log"
  fail "podman build"
}
build_seconds=$(($(date +%s) - build_start))
size_mb=$(($(podman image inspect "$IMAGE" --format '{{.Size}}') / 1000000))
ts "built in ${build_seconds} s, ${size_mb} MB"
[ "$size_mb" -le 450 ] || fail "image is ${size_mb} MB, over the 450 MB budget"

# ---- 3. A fresh database, PgBouncer in transaction mode, the mail sink ---------------------------------------------
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
psql "$PG/postgres" -qc "CREATE DATABASE $DB" >/dev/null
cat >"$work/pgbouncer.ini" <<INI
[databases]
$DB = host=127.0.0.1 port=5432 dbname=$DB
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGBOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $work/userlist.txt
pool_mode = transaction
max_client_conn = 200
default_pool_size = 10
pidfile = $work/pgbouncer.pid
logfile = $work/pgbouncer.log
INI
echo '"postgres" ""' >"$work/userlist.txt"
touch "$work/pgbouncer.log"
chown postgres "$work/pgbouncer.log" "$work"
pgbouncer -d -u postgres "$work/pgbouncer.ini" || fail "pgbouncer did not start"
for _ in $(seq 1 20); do [ -f "$work/pgbouncer.pid" ] && break; sleep 0.25; done
psql "postgresql://postgres@127.0.0.1:$PGBOUNCER_PORT/$DB" -Atqc "SELECT 1" >/dev/null || fail "PgBouncer does not answer"
MAIL_SINK_SMTP_PORT=$MAIL_SMTP MAIL_SINK_HTTP_PORT=$MAIL_HTTP npx tsx tests/support/mail-sink.ts >"$work/mail.log" 2>&1 &
mail_pid=$!

# ---- 4. Three replicas at the same moment, all racing to migrate and seed ------------------------------------------
secret=$(openssl rand -base64 32)
ts "starting 3 replicas (ports ${PORTS[*]}; the third through PgBouncer)"
started=$(date +%s.%N)
runs=()
for i in 0 1 2; do
  if [ "$i" = 2 ]; then url="postgresql://postgres@127.0.0.1:$PGBOUNCER_PORT/$DB"; else url="$PG/$DB"; fi
  podman run -d --name "sg-ci-r$((i + 1))" --network host --read-only \
    --tmpfs /tmp:rw,size=64m --tmpfs /app/.next/cache:rw,size=256m,mode=1777 \
    -e DATABASE_URL="$url" -e NEXTAUTH_SECRET="$secret" -e NEXTAUTH_URL="http://127.0.0.1:$LB_PORT" \
    -e PORT="${PORTS[$i]}" -e METRICS_PORT="${METRICS[$i]}" -e SEED_DEMO=1 -e TRUSTED_PROXY_HOPS=1 \
    -e SMTP_URL="smtp://127.0.0.1:$MAIL_SMTP" -e MAIL_FROM="skillgap <no-reply@image.test>" \
    "$IMAGE" >/dev/null &
  runs+=($!)
done
wait "${runs[@]}"
for i in 0 1 2; do
  ok=
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "http://127.0.0.1:${PORTS[$i]}/api/health/ready" 2>/dev/null; then ok=1; break; fi
    [ "$(podman inspect -f '{{.State.Running}}' "sg-ci-r$((i + 1))")" = true ] || break
    sleep 0.25
  done
  [ -n "$ok" ] || { podman logs "sg-ci-r$((i + 1))" | tail -30; fail "replica $((i + 1)) never became ready"; }
done
ready_seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
ts "all 3 ready $(printf '%.1f' "$ready_seconds") s after start"

# ---- 5. What every replica must show -------------------------------------------------------------------------------
migrations=$(find prisma/migrations -mindepth 1 -maxdepth 1 -type d | wc -l)
rows=$(psql "$PG/$DB" -Atqc "SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
[ "$rows" = "$migrations" ] || fail "expected $migrations applied migrations, found $rows rows"
admins=$(psql "$PG/$DB" -Atqc "SELECT count(*) FROM \"User\" WHERE email = 'admin@skillgap.demo'")
[ "$admins" = 1 ] || fail "the concurrent seed left $admins demo admins"
for i in 1 2 3; do
  logs=$(podman logs "sg-ci-r$i" 2>&1)
  if grep -q "building the app" <<<"$logs"; then fail "replica $i started a build"; fi
  # The job queue (pg-boss) starts beside the server on every replica, the third through PgBouncer.
  for _ in $(seq 1 40); do
    grep -q "background jobs started" <<<"$logs" && break
    grep -q "background jobs did not start" <<<"$logs" && break
    sleep 0.5
    logs=$(podman logs "sg-ci-r$i" 2>&1)
  done
  grep -q '"queue":"pg-boss"' <<<"$logs" || { tail -20 <<<"$logs"; fail "replica $i did not start its background jobs"; }
  [ "$(podman exec "sg-ci-r$i" id -u)" = 1000 ] || fail "replica $i does not run as uid 1000"
  if podman exec "sg-ci-r$i" touch /app/written 2>/dev/null; then fail "replica $i has a writable root filesystem"; fi
done
# The first administrator of a real deployment comes from the command bundled in the image.
podman exec sg-ci-r2 node scripts/user-create.mjs --email ops@image.test --name "Ops Admin" --admin >"$work/user.log" 2>&1 ||
  { cat "$work/user.log"; fail "user-create in the image"; }
grep -q "Created administrator ops@image.test" "$work/user.log" || { cat "$work/user.log"; fail "user-create output"; }
ts "migrations applied once ($rows rows), one seed, no build at start, uid 1000, read-only root, user-create works"

cat >"$work/haproxy.cfg" <<CFG
global
  maxconn 512
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  # A replica that just stopped refuses connections until the next health check marks it down: try another one.
  retries 2
  option redispatch
frontend web
  bind 127.0.0.1:$LB_PORT
  default_backend app
backend app
  balance roundrobin
  option httpchk GET /api/health/ready
  server r1 127.0.0.1:${PORTS[0]} check inter 2s
  server r2 127.0.0.1:${PORTS[1]} check inter 2s
  server r3 127.0.0.1:${PORTS[2]} check inter 2s
CFG
haproxy -f "$work/haproxy.cfg" -D -p "$work/haproxy.pid" || fail "haproxy did not start"
for _ in $(seq 1 40); do curl -fsS -o /dev/null "http://127.0.0.1:$LB_PORT/api/health/ready" && break; sleep 0.25; done

# Request ids are echoed; each request is one JSON log line with the route pattern; metrics only on the metrics port.
for i in 1 2 3; do
  id="ci-request-$i-$RANDOM$RANDOM"
  echoed=$(curl -fsS -D - -o /dev/null -H "x-request-id: $id" "http://127.0.0.1:$LB_PORT/roles/platform-engineer" |
    tr -d '\r' | awk -F': ' 'tolower($1)=="x-request-id"{print $2}')
  [ "$echoed" = "$id" ] || fail "request id not echoed (sent $id, got '$echoed')"
done
sleep 1
logged=$(for i in 1 2 3; do podman logs "sg-ci-r$i" 2>/dev/null; done | grep -c '"requestId":"ci-request-.*"route":"/roles/\[id\]"' || true)
[ "$logged" -ge 3 ] || fail "expected 3 JSON request log lines with the route pattern, found $logged"
for i in 0 1 2; do
  metrics=$(curl -fsS "http://127.0.0.1:${METRICS[$i]}/metrics") || fail "no metrics on ${METRICS[$i]}"
  for name in skillgap_http_request_duration_seconds_count skillgap_db_query_duration_seconds_count skillgap_users \
    process_resident_memory_bytes; do
    grep -q "^$name" <<<"$metrics" || fail "metric $name missing on replica $((i + 1))"
  done
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORTS[$i]}/metrics")
  [ "$status" = 404 ] || fail "/metrics on the app port answered $status"
done
ts "request ids echoed and logged with route patterns; metrics on the metrics ports only"

# ---- 6. Sessions across replicas, and the browser journey through haproxy ------------------------------------------
node scripts/ci/cross-replica.mjs admin@skillgap.demo skillgap-demo-2026 \
  "http://127.0.0.1:${PORTS[0]}" "http://127.0.0.1:${PORTS[1]}" "http://127.0.0.1:${PORTS[2]}" \
  "http://127.0.0.1:$LB_PORT" || fail "sessions across replicas"
ts "browser journey through haproxy"
node scripts/browser.mjs || fail "no browser for the journey"
IMAGE_BASE_URL="http://127.0.0.1:$LB_PORT" E2E_MAIL_HTTP_PORT=$MAIL_HTTP \
  npx playwright test -c tests/image/playwright.config.ts || fail "the browser journey"

# ---- 7. Graceful stop -----------------------------------------------------------------------------------------------
podman stop -t 40 sg-ci-r1 >/dev/null
code=$(podman inspect -f '{{.State.ExitCode}}' sg-ci-r1)
[ "$code" = 0 ] || fail "replica 1 exited with $code on SIGTERM"
podman logs sg-ci-r1 2>&1 | grep -q '"msg":"stopped"' || { podman logs sg-ci-r1 | tail -5; fail "no clean stop logged"; }
curl -fsS -o /dev/null "http://127.0.0.1:$LB_PORT/api/health/ready" || fail "haproxy lost the other replicas"
ts "SIGTERM: replica 1 exited 0, the others kept serving"

echo "image: OK: ${size_mb} MB, built in ${build_seconds} s, 3 replicas ready in $(printf '%.1f' "$ready_seconds") s (one via PgBouncer)"
