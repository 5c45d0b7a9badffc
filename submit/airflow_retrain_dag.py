"""Airflow DAG: nightly sparknet retraining against a model registry.

Needs apache-airflow-providers-apache-spark and a Spark connection (``spark_default``) whose
spark-submit can reach the cluster. Build the job jar first: ``mvn -B package -DskipTests``.

Exit codes of ``retrain``: 0 promoted a new version, 3 kept the current model (the challenger was not
better), 2 bad input, 1 failure (crash, divergence, registry locked by another run).
SparkSubmitOperator fails the task on any non-zero exit code, so exit 3 ("kept") marks the task
failed; it is retried like a failure unless you say otherwise. Two ways to treat it as success:
  * run ``submit/local.sh`` through a BashOperator with ``skip_on_exit_code=3`` (Airflow >= 2.6:
    the task is then *skipped*, which shows "kept" distinctly in the UI), or
  * keep SparkSubmitOperator, set ``retries`` for real failures, and read the outcome from
    ``REGISTRY/runs.jsonl`` (the last line's ``status``: promoted | kept | failed | diverged) in a
    downstream task.
``--resume`` makes a retry continue the interrupted run from its last completed epoch instead of
starting over; ``max_active_runs=1`` keeps Airflow from racing the registry lock.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator  # noqa: F401  (see the alternative below)
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SPARKNET_HOME = "/opt/sparknet"
REGISTRY = "hdfs:///models/mnist"
DATA = "hdfs:///data/mnist/latest"

# Java 17: Spark's launcher opens these itself on the driver; executors need them spelled out.
JAVA17_OPENS = " ".join(
    "--add-opens=" + p
    for p in [
        "java.base/java.lang=ALL-UNNAMED", "java.base/java.lang.invoke=ALL-UNNAMED",
        "java.base/java.lang.reflect=ALL-UNNAMED", "java.base/java.io=ALL-UNNAMED",
        "java.base/java.net=ALL-UNNAMED", "java.base/java.nio=ALL-UNNAMED",
        "java.base/java.util=ALL-UNNAMED", "java.base/java.util.concurrent=ALL-UNNAMED",
        "java.base/java.util.concurrent.atomic=ALL-UNNAMED", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "java.base/sun.nio.ch=ALL-UNNAMED", "java.base/sun.nio.cs=ALL-UNNAMED",
        "java.base/sun.security.action=ALL-UNNAMED", "java.base/sun.util.calendar=ALL-UNNAMED",
        "java.security.jgss/sun.security.krb5=ALL-UNNAMED",
    ]
)
JAVA_OPTS = JAVA17_OPENS + " -Dorg.deeplearning4j.spark.time.TimeSource=org.deeplearning4j.spark.time.SystemClockTimeSource"

with DAG(
    dag_id="sparknet_retrain",
    start_date=datetime(2025, 1, 1),
    schedule="30 2 * * *",
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
) as dag:
    retrain = SparkSubmitOperator(
        task_id="retrain",
        conn_id="spark_default",
        application=f"{SPARKNET_HOME}/target/sparknet.jar",
        java_class="dev.sparknet.cli.Main",
        name="sparknet retrain",
        application_args=[
            "retrain",
            "--registry", REGISTRY,
            "--data", DATA,
            "--resume",
            "--note", "airflow {{ dag.dag_id }} {{ ts }}",
        ],
        driver_memory="4g",
        executor_memory="4g",
        conf={
            "spark.driver.extraJavaOptions": JAVA_OPTS,
            "spark.executor.extraJavaOptions": JAVA_OPTS,
            "spark.ui.showConsoleProgress": "false",
        },
    )

    # Alternative, with "kept" (exit 3) shown as a skipped task instead of a failure. Use it *instead of*
    # the task above (two retrain tasks in one DAG would only race for the registry lock):
    #
    # retrain = BashOperator(
    #     task_id="retrain",
    #     bash_command=f"cd {SPARKNET_HOME} && submit/local.sh retrain --registry {REGISTRY} --data {DATA} --resume",
    #     skip_on_exit_code=3,
    # )
