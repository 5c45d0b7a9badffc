#!/usr/bin/env bash
# Runs a sparknet job through spark-submit:  submit/local.sh JOB [flags]   (JOB: mnist, evaluate, ...)
# Local mode on all cores by default; --master spark://HOST:PORT submits to a standalone cluster.
# Uses $SPARK_HOME/bin/spark-submit when there is one, otherwise Spark's own SparkSubmit class from the
# build's classpath (no Spark download needed). Deploy mode is client: this process is the driver.
# Environment: SPARKNET_DRIVER_MEMORY (default 4g); on a cluster also SPARKNET_EXECUTOR_MEMORY (executor heap,
# default 4g) and SPARKNET_EXECUTOR_OFFHEAP (ND4J's off-heap arrays per executor, default 2g).
# SPARKNET_TOTAL_EXECUTOR_CORES (standalone: cores to take, waited for before training starts).
# Spark's own settings: SPARK_CONF_DIR/spark-defaults.conf is read as usual (e.g. event logs).
# Authentication (spark://): SPARKNET_AUTH_SECRET_FILE names a file holding the cluster's shared secret; the driver
# reads it and turns on spark.authenticate (the secret never appears on a command line). Unset, it defaults to the
# secret of the cluster submit/cluster.sh made ($SPARKNET_CLUSTER_DIR/secret, default target/cluster/secret) when
# that file exists. Set it to an empty value to submit without authentication.
# Encryption: SPARKNET_ENCRYPT=1 turns on RPC and I/O encryption for the driver and executors (see common.sh); on a
# spark:// master it needs the cluster's secret, and the cluster must encrypt too. Unset, it follows the cluster
# submit/cluster.sh made (encrypting when that cluster was brought up with SPARKNET_ENCRYPT=1).
set -euo pipefail
. "$(dirname "$0")/common.sh"
sparknet_require_jar

master=$(sparknet_master_from_args 'local[*]' "$@")
driver_memory=${SPARKNET_DRIVER_MEMORY:-4g}
# The driver binds to and advertises this address; executors on other machines must be able to reach it.
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
export SPARK_LOCAL_HOSTNAME=${SPARK_LOCAL_HOSTNAME:-$SPARK_LOCAL_IP}

# Local mode runs the training tasks as threads of this JVM, one native thread each. ND4J's own thread
# setting does not reach OpenMP on Spark's task threads; only the environment does, before the JVM starts.
# Without it each task's OpenMP team spins on the other task's core: ~15% slower (bench, batch 128: ~10,600 vs
# ~12,400 examples/s).
if [[ $master == local* ]]; then
  export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
fi

if [[ $master == spark://* ]] && [ -z "${SPARKNET_AUTH_SECRET_FILE+set}" ]; then
  cluster_secret=${SPARKNET_CLUSTER_DIR:-$SPARKNET_HOME/target/cluster}/secret
  [ -f "$cluster_secret" ] && export SPARKNET_AUTH_SECRET_FILE=$cluster_secret
fi
if [[ $master == spark://* ]] && [ -z "${SPARKNET_ENCRYPT+set}" ] \
    && [ -f "${SPARKNET_CLUSTER_DIR:-$SPARKNET_HOME/target/cluster}/encrypted" ]; then
  export SPARKNET_ENCRYPT=1
fi
if [[ $master == spark://* ]]; then
  # a standalone cluster's secret comes from SPARKNET_AUTH_SECRET_FILE (read by the job, never on a command line)
  if sparknet_encrypting && [ -z "${SPARKNET_AUTH_SECRET_FILE:-}" ]; then
    echo "$(basename "$0"): SPARKNET_ENCRYPT=1 needs authentication: set SPARKNET_AUTH_SECRET_FILE to the cluster's" \
      "secret file (submit/cluster.sh writes one)" >&2
    exit 2
  fi
  sparknet_encryption_args no
else
  # local mode (and YARN) make the application's secret themselves
  sparknet_encryption_args yes
fi

submit_args=(
  --master "$master"
  --deploy-mode client
  --class "$SPARKNET_MAIN"
  --name "sparknet ${1:-}"
  --driver-memory "$driver_memory"
  --conf "spark.driver.extraJavaOptions=$SPARKNET_JAVA_OPTS"
  --conf "spark.ui.showConsoleProgress=false"
)
sparknet_executor_args
submit_args+=("${SPARKNET_EXECUTOR_ARGS[@]}" "${SPARKNET_ENCRYPTION_ARGS[@]}")
# A standalone cluster: with SPARKNET_TOTAL_EXECUTOR_CORES the application takes that many cores and Spark
# waits for all of them before the job starts, so that the default parallelism (--workers 0) counts them all.
if [[ $master == spark://* ]] && [ -n "${SPARKNET_TOTAL_EXECUTOR_CORES:-}" ]; then
  submit_args+=(
    --total-executor-cores "$SPARKNET_TOTAL_EXECUTOR_CORES"
    --conf spark.scheduler.minRegisteredResourcesRatio=1.0
    --conf spark.scheduler.maxRegisteredResourcesWaitingTime=120s
  )
fi

if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  exec "$SPARK_HOME/bin/spark-submit" "${submit_args[@]}" --driver-class-path "$SPARKNET_JAR" "$SPARKNET_JAR" "$@"
fi

# No Spark installation: this JVM is the driver (client mode), so its own flags are the driver's settings.
# The job jar goes on the driver's classpath: ND4J's native loader does not see jars added later.
exec java $JAVA17_OPENS -Xmx"$driver_memory" $SPARKNET_JAVA_OPTS \
  -cp "$SPARKNET_JAR:$(cat "$SPARKNET_CLASSPATH_FILE")" \
  org.apache.spark.deploy.SparkSubmit "${submit_args[@]}" "$SPARKNET_JAR" "$@"
