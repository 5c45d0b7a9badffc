#!/usr/bin/env bash
# Runs a sparknet job on Kubernetes:  submit/k8s.sh JOB [flags]
#   SPARK_HOME=/opt/spark SPARKNET_K8S_MASTER=k8s://https://api.example:6443 \
#   SPARKNET_K8S_IMAGE=registry.example/sparknet:0.1.0 submit/k8s.sh mnist \
#     --data s3a://bucket/mnist --output s3a://bucket/runs/mnist-1
# Not runnable on a machine without a Kubernetes cluster (this one): it is the configuration DL4J needs there.
#
# The image: Spark 3.5.x (Scala 2.12) on Java 17, e.g. apache/spark:3.5.x-scala2.12-java17-ubuntu, plus
# target/sparknet.jar copied to /opt/sparknet/sparknet.jar (SPARKNET_K8S_JAR) and conf/log4j2.properties to
# /opt/sparknet/log4j2.properties. Driver and executors run in that image (deploy mode cluster).
#
# What DL4J needs on Kubernetes:
# - memory: pods are sized heap + spark.executor.memoryOverhead; ND4J's off-heap arrays live in the
#   overhead, set to SPARKNET_EXECUTOR_OFFHEAP + 1g (JavaCPP is capped to the same numbers), or the
#   kubelet OOM-kills the executor.
# - native platform: the jar holds linux-x86_64 natives only: schedule on amd64 nodes (node selector below).
# - one native thread per task (OMP_NUM_THREADS=1), fixed executors all registered before training starts.
# - the job jar on the driver's and executors' system classpath (ND4J's native loader does not see jars
#   added later): extraClassPath points at the copy inside the image.
# - data, work directory and output on shared storage: s3a:// (needs hadoop-aws in the image and
#   credentials, e.g. spark.hadoop.fs.s3a.aws.credentials.provider) or hdfs://.
#
# Environment (defaults in brackets): SPARKNET_K8S_MASTER (k8s://https://HOST:PORT, required);
# SPARKNET_K8S_IMAGE (required); SPARKNET_K8S_NAMESPACE [default]; SPARKNET_K8S_SERVICE_ACCOUNT [spark];
# SPARKNET_K8S_JAR [/opt/sparknet/sparknet.jar]; SPARKNET_EXECUTORS [2]; SPARKNET_EXECUTOR_CORES [1];
# SPARKNET_EXECUTOR_MEMORY [4g]; SPARKNET_EXECUTOR_OFFHEAP [2g]; SPARKNET_DRIVER_MEMORY [4g];
# SPARKNET_ENCRYPT [0]: 1 turns on spark.authenticate with RPC and I/O encryption (submit/common.sh). Spark makes
# a secret per application and hands it to the executor pods in an environment variable, which whoever may read
# pod specs in the namespace can see; spark.authenticate.secret.driver.file / .executor.file (mounted) avoid that.
set -euo pipefail
. "$(dirname "$0")/common.sh"
sparknet_require_spark_home
sparknet_warn_local_paths "$@"
: "${SPARKNET_K8S_MASTER:?set SPARKNET_K8S_MASTER=k8s://https://HOST:PORT}"
: "${SPARKNET_K8S_IMAGE:?set SPARKNET_K8S_IMAGE to an image with Spark 3.5, Java 17 and the job jar}"

jar=${SPARKNET_K8S_JAR:-/opt/sparknet/sparknet.jar}
executors=${SPARKNET_EXECUTORS:-2}
cores=${SPARKNET_EXECUTOR_CORES:-1}
driver_memory=${SPARKNET_DRIVER_MEMORY:-4g}
# Inside the image, logging comes from the copy of conf/log4j2.properties next to the jar.
SPARKNET_JAVA_OPTS="-Dlog4j2.configurationFile=file:$(dirname "$jar")/log4j2.properties -Dorg.deeplearning4j.spark.time.TimeSource=org.deeplearning4j.spark.time.SystemClockTimeSource"
sparknet_executor_args
sparknet_encryption_args yes

exec "$SPARK_HOME/bin/spark-submit" \
  --master "$SPARKNET_K8S_MASTER" \
  --deploy-mode cluster \
  --class "$SPARKNET_MAIN" \
  --name "sparknet-${1:-job}" \
  --driver-memory "$driver_memory" \
  --num-executors "$executors" \
  --executor-cores "$cores" \
  "${SPARKNET_EXECUTOR_ARGS[@]}" \
  "${SPARKNET_ENCRYPTION_ARGS[@]}" \
  --conf "spark.executor.memoryOverhead=${SPARKNET_EXECUTOR_OVERHEAD_MIB}m" \
  --conf "spark.driver.memoryOverhead=${SPARKNET_EXECUTOR_OVERHEAD_MIB}m" \
  --conf "spark.driver.extraJavaOptions=$SPARKNET_JAVA_OPTS" \
  --conf "spark.driver.extraClassPath=$jar" \
  --conf "spark.executor.extraClassPath=$jar" \
  --conf spark.kubernetes.driverEnv.OMP_NUM_THREADS=1 \
  --conf "spark.kubernetes.container.image=$SPARKNET_K8S_IMAGE" \
  --conf "spark.kubernetes.namespace=${SPARKNET_K8S_NAMESPACE:-default}" \
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=${SPARKNET_K8S_SERVICE_ACCOUNT:-spark}" \
  --conf spark.kubernetes.node.selector.kubernetes.io/arch=amd64 \
  --conf spark.dynamicAllocation.enabled=false \
  --conf spark.scheduler.minRegisteredResourcesRatio=1.0 \
  --conf spark.scheduler.maxRegisteredResourcesWaitingTime=300s \
  --conf spark.ui.showConsoleProgress=false \
  "local://$jar" "$@"
