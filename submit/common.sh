# Shared by the submit scripts: where things are and the JVM settings every Spark JVM of ours needs.
# shellcheck shell=bash
SPARKNET_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SPARKNET_JAR=$SPARKNET_HOME/target/sparknet.jar
SPARKNET_CLASSPATH_FILE=$SPARKNET_HOME/target/spark-classpath.txt
SPARKNET_MAIN=dev.sparknet.cli.Main

# Java 17 closes the JDK internals Spark and Kryo use; Spark's launcher opens them, a plain java does not.
JAVA17_OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
 --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
 --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
 --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED"
JAVA17_OPENS=$(echo $JAVA17_OPENS)

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
