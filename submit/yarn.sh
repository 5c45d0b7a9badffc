#!/usr/bin/env bash
# Runs a sparknet job on a Hadoop YARN cluster:  submit/yarn.sh JOB [flags]
#   SPARK_HOME=/opt/spark HADOOP_CONF_DIR=/etc/hadoop/conf submit/yarn.sh mnist \
#     --data hdfs:///datasets/mnist --output hdfs:///user/$USER/runs/mnist-1
# Not runnable on a machine without YARN (this one): it is the configuration DL4J needs there.
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
# - the job jar on the driver's system classpath (ND4J's native loader does not see jars added later).
# - Java 17 on the nodes (spark.executorEnv.JAVA_HOME / spark.yarn.appMasterEnv.JAVA_HOME if not default).
#
# Environment (defaults in brackets): SPARKNET_DEPLOY_MODE [client] or cluster (driver in the YARN
# application master); SPARKNET_EXECUTORS [2]; SPARKNET_EXECUTOR_CORES [1]; SPARKNET_EXECUTOR_MEMORY
# (heap) [4g]; SPARKNET_EXECUTOR_OFFHEAP [2g]; SPARKNET_DRIVER_MEMORY [4g]; SPARKNET_YARN_QUEUE [default];
# SPARKNET_ENCRYPT [0]: 1 turns on spark.authenticate (YARN makes a secret per application) with RPC and I/O
# encryption (submit/common.sh); with an external shuffle service, that service needs the same settings.
set -euo pipefail
. "$(dirname "$0")/common.sh"
sparknet_require_jar
sparknet_require_spark_home
sparknet_warn_local_paths "$@"

deploy_mode=${SPARKNET_DEPLOY_MODE:-client}
executors=${SPARKNET_EXECUTORS:-2}
cores=${SPARKNET_EXECUTOR_CORES:-1}
driver_memory=${SPARKNET_DRIVER_MEMORY:-4g}
driver_java_opts=$SPARKNET_JAVA_OPTS
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
else
  submit_args+=(--driver-class-path "$SPARKNET_JAR")
fi

# --master in the job's own flags would override spark-submit's; the job reads spark.master instead.
exec "$SPARK_HOME/bin/spark-submit" "${submit_args[@]}" "$SPARKNET_JAR" "$@"
