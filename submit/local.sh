#!/usr/bin/env bash
# Runs a sparknet job through spark-submit:  submit/local.sh JOB [flags]   (JOB: mnist, evaluate, ...)
# Local mode on all cores by default; --master spark://HOST:PORT submits to a standalone cluster.
# Uses $SPARK_HOME/bin/spark-submit when SPARK_HOME is set, otherwise Spark's own SparkSubmit class from
# the build's classpath (no Spark download needed).
# Environment: SPARKNET_DRIVER_MEMORY (default 4g), SPARKNET_EXECUTOR_MEMORY (default 4g).
set -euo pipefail
. "$(dirname "$0")/common.sh"
sparknet_require_jar

master=$(sparknet_master_from_args 'local[*]' "$@")
driver_memory=${SPARKNET_DRIVER_MEMORY:-4g}
executor_memory=${SPARKNET_EXECUTOR_MEMORY:-4g}
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}

submit_args=(
  --master "$master"
  --deploy-mode client
  --class "$SPARKNET_MAIN"
  --name "sparknet ${1:-}"
  --driver-memory "$driver_memory"
  --executor-memory "$executor_memory"
  --conf "spark.driver.extraJavaOptions=$SPARKNET_JAVA_OPTS"
  --conf "spark.executor.extraJavaOptions=$JAVA17_OPENS $SPARKNET_JAVA_OPTS"
  --conf "spark.ui.showConsoleProgress=false"
)

if [ -n "${SPARK_HOME:-}" ]; then
  exec "$SPARK_HOME/bin/spark-submit" "${submit_args[@]}" --driver-class-path "$SPARKNET_JAR" "$SPARKNET_JAR" "$@"
fi

# No Spark installation: this JVM is the driver (client mode), so its own flags are the driver's settings.
# The job jar goes on the driver's classpath: ND4J's native loader does not see jars added later.
exec java $JAVA17_OPENS -Xmx"$driver_memory" $SPARKNET_JAVA_OPTS \
  -cp "$SPARKNET_JAR:$(cat "$SPARKNET_CLASSPATH_FILE")" \
  org.apache.spark.deploy.SparkSubmit "${submit_args[@]}" "$SPARKNET_JAR" "$@"
