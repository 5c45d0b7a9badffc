# Shared by the submit scripts: where things are and the JVM settings every Spark JVM of ours needs.
# shellcheck shell=bash
SPARKNET_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SPARKNET_JAR=$SPARKNET_HOME/target/sparknet.jar
SPARKNET_CLASSPATH_FILE=$SPARKNET_HOME/target/spark-classpath.txt
# Spark's runtime jars (comma-separated) for YARN containers when there is no Spark installation
SPARKNET_YARN_JARS_FILE=$SPARKNET_HOME/target/spark-yarn-jars.txt
SPARKNET_MAIN=dev.sparknet.cli.Main

# Java 17 closes the JDK internals Spark and Kryo use; Spark's launcher opens them, a plain java does not.
# The list is conf/jvm-options (pom.xml's test JVMs read the same file): comments dropped, one line of options.
SPARKNET_JVM_OPTIONS_FILE=$SPARKNET_HOME/conf/jvm-options
if [ ! -f "$SPARKNET_JVM_OPTIONS_FILE" ]; then
  echo "$(basename "$0"): $SPARKNET_JVM_OPTIONS_FILE is missing (the JVM options every Spark JVM of ours needs)" >&2
  exit 2
fi
JAVA17_OPENS=$(sed -e 's/#.*//' "$SPARKNET_JVM_OPTIONS_FILE" | xargs)

# Logging from conf/; DL4J's stats clock must not ask an NTP server (there may be no network).
SPARKNET_JAVA_OPTS="-Dlog4j2.configurationFile=file:$SPARKNET_HOME/conf/log4j2.properties -Dorg.deeplearning4j.spark.time.TimeSource=org.deeplearning4j.spark.time.SystemClockTimeSource"

sparknet_require_jar() {
  if [ ! -f "$SPARKNET_JAR" ] || [ ! -f "$SPARKNET_CLASSPATH_FILE" ]; then
    echo "$(basename "$0"): $SPARKNET_JAR is missing; build it first: mvn -B package -DskipTests" >&2
    exit 2
  fi
}

# The value of --master in "$@" (either --master X or --master=X), or the given default.
sparknet_master_from_args() {
  local default=$1; shift
  local prev=""
  for a in "$@"; do
    if [ "$prev" = "--master" ]; then echo "$a"; return; fi
    case "$a" in --master=*) echo "${a#--master=}"; return;; esac
    prev=$a
  done
  echo "$default"
}

# "4g", "512m", "1t" or a number of bytes -> MiB
sparknet_mib() {
  local v=${1,,}
  case "$v" in
    *t) echo $(( ${v%t} * 1024 * 1024 ));;
    *g) echo $(( ${v%g} * 1024 ));;
    *m) echo $(( ${v%m} ));;
    *k) echo $(( ${v%k} / 1024 ));;
    *) echo $(( v / 1024 / 1024 ));;
  esac
}

# Executor settings every cluster manager needs, in spark-submit arguments (into the array SPARKNET_EXECUTOR_ARGS).
# ND4J keeps its arrays outside the Java heap: JavaCPP may allocate up to SPARKNET_EXECUTOR_OFFHEAP there, and the
# whole process (heap + off-heap + JVM) may grow to heap + off-heap + 1g before JavaCPP refuses to allocate more.
# On YARN and Kubernetes the container must hold all of it: spark.executor.memoryOverhead is set from the same
# numbers (off-heap + 1g), or the node manager / kubelet kills the executor.
sparknet_executor_args() {
  local heap=${SPARKNET_EXECUTOR_MEMORY:-4g} offheap=${SPARKNET_EXECUTOR_OFFHEAP:-2g}
  local heap_mib offheap_mib
  heap_mib=$(sparknet_mib "$heap")
  offheap_mib=$(sparknet_mib "$offheap")
  SPARKNET_EXECUTOR_OVERHEAD_MIB=$((offheap_mib + 1024))
  SPARKNET_EXECUTOR_ARGS=(
    --executor-memory "$heap"
    --conf "spark.executor.extraJavaOptions=$JAVA17_OPENS $SPARKNET_JAVA_OPTS -Dorg.bytedeco.javacpp.maxbytes=${offheap_mib}m -Dorg.bytedeco.javacpp.maxphysicalbytes=$((heap_mib + SPARKNET_EXECUTOR_OVERHEAD_MIB))m"
    # one native thread per task: the job runs one training task per executor core
    --conf "spark.executorEnv.OMP_NUM_THREADS=1"
  )
}

# Cluster managers run executors on other machines: --data, --output, --work-dir and --model must name
# storage every machine reaches (hdfs://, s3a://, ...), not this machine's disk. Warns about the others.
sparknet_warn_local_paths() {
  local prev="" a
  for a in "$@"; do
    case "$prev" in
      --data|--output|--work-dir|--model)
        case "$a" in
          *://*) ;;
          *) echo "$(basename "$0"): warning: $prev $a is not a URI (hdfs://, s3a://): executors on other" \
               "machines will not see it unless it is on a shared mount" >&2 ;;
        esac ;;
    esac
    prev=$a
  done
}

# Spark on YARN/Kubernetes: these need a Spark distribution (bin/spark-submit) matching the build.
sparknet_require_spark_home() {
  if [ -z "${SPARK_HOME:-}" ] || [ ! -x "$SPARK_HOME/bin/spark-submit" ]; then
    echo "$(basename "$0"): set SPARK_HOME to a Spark 3.5.x distribution (Scala 2.12) with bin/spark-submit" >&2
    exit 2
  fi
}

# Encryption: SPARKNET_ENCRYPT=1 (default 0) turns on, for cluster.sh's daemons and for the driver and executors
# of the submit scripts alike (both sides must agree, or they refuse each other):
# - RPC encryption (spark.network.crypto.*): everything Spark sends between driver, executors, master and workers
#   (task results, broadcast parameters, shuffle blocks, control messages) goes AES-encrypted with session keys
#   from the spark.authenticate handshake; authEngineVersion 2 (HKDF key derivation) and AES-GCM (authenticated:
#   a tampered message is rejected) rather than Spark 3.5's defaults of version 1 and unauthenticated AES-CTR;
#   saslFallback=false: a peer that does not speak this protocol is refused instead of silently talking in clear.
# - I/O encryption (spark.io.encryption.enabled): what Spark writes to local disks (shuffle files, spills, blocks
#   that spill from memory) is encrypted with a per-application key.
# RPC encryption needs authentication: cluster.sh's secret on its standalone cluster; YARN, Kubernetes and local
# mode generate a secret per application (the scripts turn spark.authenticate on there).
SPARKNET_ENCRYPTION_CONF=(
  spark.network.crypto.enabled=true
  spark.network.crypto.authEngineVersion=2
  spark.network.crypto.cipher=AES/GCM/NoPadding
  spark.network.crypto.saslFallback=false
  spark.io.encryption.enabled=true
)

# Succeeds when SPARKNET_ENCRYPT asks for encryption; exits 2 on a value that is neither 0 nor 1.
sparknet_encrypting() {
  case "${SPARKNET_ENCRYPT:-0}" in
    1) return 0 ;;
    0) return 1 ;;
    *) echo "$(basename "$0"): SPARKNET_ENCRYPT=$SPARKNET_ENCRYPT: expected 1 (encrypt) or 0 (do not)" >&2; exit 2 ;;
  esac
}

# spark-submit arguments for SPARKNET_ENCRYPT (into the array SPARKNET_ENCRYPTION_ARGS, empty when it is off).
# $1 = yes: also turn on spark.authenticate, for cluster managers that make the application's secret themselves.
sparknet_encryption_args() {
  local kv
  SPARKNET_ENCRYPTION_ARGS=()
  sparknet_encrypting || return 0
  [ "${1:-}" = yes ] && SPARKNET_ENCRYPTION_ARGS+=(--conf spark.authenticate=true)
  for kv in "${SPARKNET_ENCRYPTION_CONF[@]}"; do
    SPARKNET_ENCRYPTION_ARGS+=(--conf "$kv")
  done
}
