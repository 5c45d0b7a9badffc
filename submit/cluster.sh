#!/usr/bin/env bash
# A local Spark standalone cluster from the build's own jars (no Spark download):
#   submit/cluster.sh up       one master and N workers, every one its own JVM, bound to 127.0.0.1
#   submit/cluster.sh status   the master's view: alive workers, cores, memory, running and completed apps
#   submit/cluster.sh down     stops exactly the processes `up` started (pid files) and their executors,
#                              then removes the work folder (logs, pids, the SPARK_HOME the workers use)
# then:  submit/local.sh mnist --master spark://127.0.0.1:7077 --data ../shared/datasets/mnist --output runs/x
#
# Environment (defaults in brackets):
#   SPARKNET_CLUSTER_DIR          work folder: logs, pids, worker dirs, SPARK_HOME [target/cluster]
#   SPARKNET_MASTER_PORT          master RPC port [7077]
#   SPARKNET_MASTER_WEBUI_PORT    master web UI and JSON status [8080]
#   SPARKNET_WORKER_WEBUI_PORT    first worker's web UI; worker i gets this + i - 1; 0 = any free port [8081]
#   SPARKNET_WORKERS              number of workers [2]
#   SPARKNET_WORKER_CORES         cores each worker offers [1]
#   SPARKNET_WORKER_MEMORY        memory each worker offers to executors (heap; >= SPARKNET_EXECUTOR_MEMORY of
#                                 submit/local.sh, else the application waits for resources forever) [4g]
#   SPARKNET_DAEMON_MEMORY        heap of the master and worker JVMs themselves [512m]
#   SPARKNET_ENCRYPT              1: RPC and I/O encryption (see below) [0]
#
# Authentication: `up` generates a random secret into $SPARKNET_CLUSTER_DIR/secret (mode 600) and starts the
# master and workers with spark.authenticate=true and that secret (from a spark-defaults.conf only the owner can
# read, never on a command line); workers hand it to their executors. submit/local.sh finds the file through
# SPARKNET_CLUSTER_DIR (or SPARKNET_AUTH_SECRET_FILE); a driver without it cannot register.
#
# Encryption: `SPARKNET_ENCRYPT=1 cluster.sh up` also turns on Spark's RPC encryption (AES-GCM) and I/O encryption
# (submit/common.sh lists the settings) and refuses every peer that does not encrypt. It leaves a marker,
# $SPARKNET_CLUSTER_DIR/encrypted, from which submit/local.sh turns encryption on for its drivers and executors
# (unless SPARKNET_ENCRYPT is set for it: 0 submits in clear, and is refused).
set -euo pipefail
. "$(dirname "$0")/common.sh"

HOST=127.0.0.1
CLUSTER_DIR=${SPARKNET_CLUSTER_DIR:-$SPARKNET_HOME/target/cluster}
MASTER_PORT=${SPARKNET_MASTER_PORT:-7077}
MASTER_WEBUI_PORT=${SPARKNET_MASTER_WEBUI_PORT:-8080}
WORKER_WEBUI_PORT=${SPARKNET_WORKER_WEBUI_PORT:-8081}
WORKERS=${SPARKNET_WORKERS:-2}
WORKER_CORES=${SPARKNET_WORKER_CORES:-1}
WORKER_MEMORY=${SPARKNET_WORKER_MEMORY:-4g}
DAEMON_MEMORY=${SPARKNET_DAEMON_MEMORY:-512m}
MASTER_URL=spark://$HOST:$MASTER_PORT
STATUS_URL=http://$HOST:$MASTER_WEBUI_PORT/json/
me=$(basename "$0")

usage() {
  sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

# pid of a pid file if that process is still one of ours (a reused pid of some other program is not)
live_pid() {
  local file=$1 pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "org.apache.spark.deploy" || return 1
  echo "$pid"
}

port_in_use() {
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

# Executors are children of the workers, launched with $CLUSTER_DIR/spark-home/jars on their classpath:
# that path identifies them (and nothing else) even if a worker died without stopping them.
executor_pids() {
  local p
  for p in /proc/[0-9]*; do
    [ -r "$p/cmdline" ] || continue
    if tr '\0' ' ' < "$p/cmdline" 2>/dev/null | grep -q -- "$CLUSTER_DIR/spark-home/jars.*CoarseGrainedExecutorBackend"; then
      echo "${p#/proc/}"
    fi
  done
}

# SPARK_HOME for the workers: a folder with jars/ holding Spark's runtime classpath, like a Spark
# distribution. The DL4J/ND4J stack is left out on purpose: executors get it only from the job jar that
# spark-submit ships, as on a real cluster.
make_spark_home() {
  local home=$CLUSTER_DIR/spark-home jar
  rm -rf "$home"
  mkdir -p "$home/jars" "$home/conf"
  chmod 700 "$home/conf"
  tr ':' '\n' < "$SPARKNET_CLASSPATH_FILE" \
    | grep -Ev '/(org/deeplearning4j|org/nd4j|org/datavec|org/bytedeco|commons-cli|org/jfree)/' \
    | while read -r jar; do
        [ -n "$jar" ] && ln -s "$jar" "$home/jars/$(basename "$jar")"
      done
  echo "$home"
}

# A fresh random shared secret for spark.authenticate: $CLUSTER_DIR/secret for drivers (submit/local.sh), and the
# daemons' spark-defaults.conf (Master and Worker read $SPARK_CONF_DIR/spark-defaults.conf). Both owner-only.
# With SPARKNET_ENCRYPT=1 the daemons' settings add encryption, and $CLUSTER_DIR/encrypted tells drivers.
write_secret() {
  local secret kv
  secret=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
  (
    umask 077
    printf '%s\n' "$secret" > "$CLUSTER_DIR/secret"
    printf 'spark.authenticate true\nspark.authenticate.secret %s\n' "$secret" > "$SPARK_HOME/conf/spark-defaults.conf"
    if sparknet_encrypting; then
      for kv in "${SPARKNET_ENCRYPTION_CONF[@]}"; do
        printf '%s %s\n' "${kv%%=*}" "${kv#*=}"
      done >> "$SPARK_HOME/conf/spark-defaults.conf"
      : > "$CLUSTER_DIR/encrypted"
    fi
  )
  chmod 600 "$CLUSTER_DIR/secret" "$SPARK_HOME/conf/spark-defaults.conf"
}

start_daemon() { # name, class, args...
  local name=$1 class=$2; shift 2
  # shellcheck disable=SC2086
  nohup java $JAVA17_OPENS -Xmx"$DAEMON_MEMORY" -cp "$SPARK_HOME/conf/:$SPARK_HOME/jars/*" \
    "$class" "$@" > "$CLUSTER_DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$CLUSTER_DIR/pids/$name.pid"
}

# The master's JSON status, or nothing when it does not answer.
master_json() {
  curl -sf --max-time 5 "$STATUS_URL" 2>/dev/null || true
}

alive_workers() {
  local n
  n=$(master_json | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$' || true)
  echo "${n:-0}"
}

cmd_up() {
  sparknet_require_jar
  local security="authentication on (secret in $CLUSTER_DIR/secret)"
  sparknet_encrypting && security="$security, RPC and I/O encryption on"
  if pid=$(live_pid "$CLUSTER_DIR/pids/master.pid"); then
    echo "$me: a cluster is already running from $CLUSTER_DIR (master pid $pid); \`$me down\` first" >&2
    exit 1
  fi
  local ports=("$MASTER_PORT" "$MASTER_WEBUI_PORT") i
  if [ "$WORKER_WEBUI_PORT" != 0 ]; then
    for ((i = 0; i < WORKERS; i++)); do ports+=($((WORKER_WEBUI_PORT + i))); done
  fi
  for p in "${ports[@]}"; do
    if port_in_use "$p"; then
      echo "$me: port $p on $HOST is in use (another cluster?); choose others with SPARKNET_MASTER_PORT," \
        "SPARKNET_MASTER_WEBUI_PORT, SPARKNET_WORKER_WEBUI_PORT" >&2
      exit 1
    fi
  done
  [ -d "$CLUSTER_DIR" ] && cmd_down >/dev/null   # leftovers of a cluster whose master died
  mkdir -p "$CLUSTER_DIR/logs" "$CLUSTER_DIR/pids"
  chmod 700 "$CLUSTER_DIR"
  export SPARK_HOME
  SPARK_HOME=$(make_spark_home)
  write_secret
  export SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=$HOST SPARK_LOCAL_HOSTNAME=$HOST SPARK_CONF_DIR=$SPARK_HOME/conf
  # Executors inherit the workers' environment: one native (OpenMP/OpenBLAS) thread per executor core.
  export OMP_NUM_THREADS=$WORKER_CORES

  start_daemon master org.apache.spark.deploy.master.Master \
    --host "$HOST" --port "$MASTER_PORT" --webui-port "$MASTER_WEBUI_PORT"
  for ((i = 1; i <= WORKERS; i++)); do
    mkdir -p "$CLUSTER_DIR/worker-$i/local"
    SPARK_LOCAL_DIRS=$CLUSTER_DIR/worker-$i/local start_daemon "worker-$i" org.apache.spark.deploy.worker.Worker \
      --host "$HOST" --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" \
      --webui-port $((WORKER_WEBUI_PORT == 0 ? 0 : WORKER_WEBUI_PORT + i - 1)) --work-dir "$CLUSTER_DIR/worker-$i/work" "$MASTER_URL"
  done

  local deadline=$((SECONDS + 90)) alive=0
  while [ $SECONDS -lt $deadline ]; do
    alive=$(alive_workers)
    [ "$alive" -ge "$WORKERS" ] && break
    for f in "$CLUSTER_DIR"/pids/*.pid; do
      if ! live_pid "$f" >/dev/null; then
        echo "$me: $(basename "$f" .pid) exited while starting; its log:" >&2
        tail -n 20 "$CLUSTER_DIR/logs/$(basename "$f" .pid).log" >&2 || true
        cmd_down >/dev/null
        exit 1
      fi
    done
    sleep 1
  done
  if [ "$alive" -lt "$WORKERS" ]; then
    echo "$me: only $alive of $WORKERS workers registered within 90 s; logs in $CLUSTER_DIR/logs" >&2
    cmd_down >/dev/null
    exit 1
  fi
  echo "$me: up: master $MASTER_URL (web UI http://$HOST:$MASTER_WEBUI_PORT), $WORKERS workers x $WORKER_CORES" \
    "core(s), $WORKER_MEMORY each; logs and pids in $CLUSTER_DIR; $security"
}

cmd_status() {
  local json
  json=$(master_json)
  if [ -z "$json" ]; then
    if live_pid "$CLUSTER_DIR/pids/master.pid" >/dev/null; then
      echo "$me: the master (pid $(cat "$CLUSTER_DIR/pids/master.pid")) does not answer at $STATUS_URL" >&2
    else
      echo "$me: no cluster running (no master at $STATUS_URL)" >&2
    fi
    exit 3
  fi
  if ! command -v python3 >/dev/null 2>&1; then
    printf '%s\n' "$json"   # no python3 for a summary: the master's JSON as it is
    return
  fi
  printf '%s' "$json" | python3 -c '
import json, sys
s = json.load(sys.stdin)
print("master   %s  %s" % (s.get("url"), s.get("status")))
print("workers  %d alive of %d" % (s.get("aliveworkers", 0), len(s.get("workers", []))))
for w in s.get("workers", []):
    print("  %-40s %-6s cores %d/%d used  memory %d/%d MB used" % (w["id"], w["state"], w["coresused"], w["cores"],
          w["memoryused"], w["memory"]))
print("cores    %d used of %d" % (s.get("coresused", 0), s.get("cores", 0)))
for kind in ("activeapps", "completedapps"):
    apps = s.get(kind, [])
    print("%s %d" % ("running " if kind == "activeapps" else "completed", len(apps)))
    for a in apps:
        print("  %-28s %-24s %-9s cores %s  %.1f s" % (a["id"], a["name"][:24], a["state"], a.get("cores"),
              a.get("duration", 0) / 1000.0))
'
}

stop_pid() { # pid: TERM, up to 15 s, then KILL
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 30; i++)); do
    [ -d "/proc/$pid" ] || return 0
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cmd_down() {
  local stopped=0 f pid
  if [ -d "$CLUSTER_DIR/pids" ]; then
    # workers first (they stop their executors), then the master
    for f in "$CLUSTER_DIR"/pids/worker-*.pid "$CLUSTER_DIR/pids/master.pid"; do
      if pid=$(live_pid "$f"); then
        stop_pid "$pid"
        stopped=$((stopped + 1))
      fi
    done
  fi
  for pid in $(executor_pids); do
    stop_pid "$pid"
    stopped=$((stopped + 1))
  done
  rm -rf "$CLUSTER_DIR"
  echo "$me: down: stopped $stopped process(es); removed $CLUSTER_DIR"
}

case "${1:-}" in
  up) cmd_up ;;
  status) cmd_status ;;
  down) cmd_down ;;
  *) usage ;;
esac
