#!/usr/bin/env bash
# Runs a sparknet job on a Hadoop YARN cluster:  submit/yarn.sh JOB [flags]
#   HADOOP_CONF_DIR=/etc/hadoop/conf submit/yarn.sh mnist \
#     --data hdfs:///datasets/mnist --output hdfs:///user/$USER/runs/mnist-1
# Uses $SPARK_HOME/bin/spark-submit when SPARK_HOME is set; otherwise Spark's own SparkSubmit class from the
# build's classpath (spark-yarn included), and Spark's runtime for the containers from the build as well
# (target/spark-yarn-jars.txt, uploaded with each application) unless SPARKNET_YARN_JARS names a copy already on
# the cluster, e.g. hdfs:///apps/spark-3.5.9/jars/*.jar (spark.yarn.jars). Tested against a MiniYARNCluster with
# a MiniDFSCluster (YarnIT): client and cluster deploy mode, and an executor container killed mid-run.
#
# What DL4J needs on YARN:
# - memory: ND4J keeps its arrays off the Java heap. YARN kills a container that exceeds heap +
#   spark.executor.memoryOverhead, so the overhead is set to SPARKNET_EXECUTOR_OFFHEAP + 1g (JavaCPP's
#   cap on off-heap arrays, plus the JVM's own), and JavaCPP is capped to the same numbers.
# - native platform: the job jar carries ND4J and OpenBLAS natives for linux-x86_64 only; every node
#   must be linux-x86_64 (or rebuild with -Dnative.platform=linux-arm64 for ARM nodes).
# - one native thread per task (OMP_NUM_THREADS=1): the job runs one training task per executor core.
# - fixed executors, all registered before training starts: parameter averaging uses every core once per
#   round (--workers 0 = all executor cores); dynamic allocation is off.
# - the job jar on the driver's and executors' system classpath (ND4J's native loader does not see jars added
#   later).
# - Java 17 on the nodes (spark.executorEnv.JAVA_HOME / spark.yarn.appMasterEnv.JAVA_HOME in
#   $SPARK_CONF_DIR/spark-defaults.conf if the node managers' JAVA_HOME is another Java); Spark adds the
#   --add-opens flags Java 17 needs to the application master, and this script to the executors.
# - in cluster mode the driver runs in the application master: the job ends by returning from main there, so
#   that YARN records FINISHED / SUCCEEDED (a System.exit would count as failed).
#
# Environment (defaults in brackets): HADOOP_CONF_DIR or YARN_CONF_DIR (required: the cluster's
# core-site.xml, yarn-site.xml); SPARKNET_DEPLOY_MODE [client] or cluster (driver in the YARN application
# master); SPARKNET_EXECUTORS [2]; SPARKNET_EXECUTOR_CORES [1]; SPARKNET_EXECUTOR_MEMORY (heap) [4g];
# SPARKNET_EXECUTOR_OFFHEAP [2g]; SPARKNET_DRIVER_MEMORY [4g]; SPARKNET_YARN_QUEUE [default];
# SPARKNET_YARN_JARS (without SPARK_HOME) [the build's Spark jars, uploaded]; SPARKNET_ENCRYPT [0]: 1 turns on
# spark.authenticate (YARN makes a secret per application) with RPC and I/O encryption (submit/common.sh);
# with an external shuffle service, that service needs the same settings. Spark's own settings:
# SPARK_CONF_DIR/spark-defaults.conf is read as usual.
set -euo pipefail
. "$(dirname "$0")/common.sh"
sparknet_require_jar
sparknet_warn_local_paths "$@"
if [ -z "${HADOOP_CONF_DIR:-}" ] && [ -z "${YARN_CONF_DIR:-}" ]; then
  echo "$(basename "$0"): set HADOOP_CONF_DIR (or YARN_CONF_DIR) to the YARN cluster's configuration directory" \
    "(core-site.xml, yarn-site.xml)" >&2
  exit 2
fi

deploy_mode=${SPARKNET_DEPLOY_MODE:-client}
executors=${SPARKNET_EXECUTORS:-2}
cores=${SPARKNET_EXECUTOR_CORES:-1}
driver_memory=${SPARKNET_DRIVER_MEMORY:-4g}
driver_java_opts=$SPARKNET_JAVA_OPTS
launcher_java_opts=$SPARKNET_JAVA_OPTS
# conf/log4j2.properties travels with the application (--files) into every container's working directory.
SPARKNET_JAVA_OPTS=${SPARKNET_JAVA_OPTS/file:$SPARKNET_HOME\/conf\/log4j2.properties/log4j2.properties}
[ "$deploy_mode" = cluster ] && driver_java_opts=$SPARKNET_JAVA_OPTS
sparknet_executor_args
sparknet_encryption_args yes

submit_args=(
  --master yarn
  --deploy-mode "$deploy_mode"
  --queue "${SPARKNET_YARN_QUEUE:-default}"
  --class "$SPARKNET_MAIN"
  --name "sparknet ${1:-}"
  --driver-memory "$driver_memory"
  --num-executors "$executors"
  --executor-cores "$cores"
  "${SPARKNET_EXECUTOR_ARGS[@]}"
  "${SPARKNET_ENCRYPTION_ARGS[@]}"
  --conf "spark.executor.memoryOverhead=${SPARKNET_EXECUTOR_OVERHEAD_MIB}m"
  --conf "spark.driver.memoryOverhead=${SPARKNET_EXECUTOR_OVERHEAD_MIB}m"
  --conf "spark.driver.extraJavaOptions=$driver_java_opts"
  --files "$SPARKNET_HOME/conf/log4j2.properties"
  --conf spark.yarn.appMasterEnv.OMP_NUM_THREADS=1
  --conf spark.dynamicAllocation.enabled=false
  --conf spark.scheduler.minRegisteredResourcesRatio=1.0
  --conf spark.scheduler.maxRegisteredResourcesWaitingTime=300s
  --conf spark.ui.showConsoleProgress=false
)
if [ "$deploy_mode" = cluster ]; then
  # YARN localises the application jar as __app__.jar in every container's working directory.
  submit_args+=(--conf spark.driver.extraClassPath=__app__.jar --conf spark.executor.extraClassPath=__app__.jar)
fi

# --master in the job's own flags would override spark-submit's; the job reads spark.master instead.
if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  [ "$deploy_mode" = client ] && submit_args+=(--driver-class-path "$SPARKNET_JAR")
  exec "$SPARK_HOME/bin/spark-submit" "${submit_args[@]}" "$SPARKNET_JAR" "$@"
fi

# No Spark installation: this JVM runs SparkSubmit from the build's classpath (spark-yarn included), with the
# Hadoop configuration on its classpath as bin/spark-submit puts it. In client mode it is also the driver, so the
# job jar goes on its classpath and the driver's settings are its own flags. The containers get Spark's runtime
# from spark.yarn.jars.
if [ ! -f "$SPARKNET_YARN_JARS_FILE" ]; then
  echo "$(basename "$0"): $SPARKNET_YARN_JARS_FILE is missing; build it first: mvn -B package -DskipTests" >&2
  exit 2
fi
submit_args+=(--conf "spark.yarn.jars=${SPARKNET_YARN_JARS:-$(cat "$SPARKNET_YARN_JARS_FILE")}")
launcher_opts=(-Xmx512m $launcher_java_opts)
[ "$deploy_mode" = client ] && launcher_opts=(-Xmx"$driver_memory" $driver_java_opts)
exec java $JAVA17_OPENS "${launcher_opts[@]}" \
  -cp "${HADOOP_CONF_DIR:-}:${YARN_CONF_DIR:-}:$SPARKNET_JAR:$(cat "$SPARKNET_CLASSPATH_FILE")" \
  org.apache.spark.deploy.SparkSubmit "${submit_args[@]}" "$SPARKNET_JAR" "$@"
