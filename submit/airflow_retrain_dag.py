"""Airflow DAG: nightly sparknet retraining against a model registry.

The task runs the same submit script a person runs (``submit/yarn.sh`` here; ``submit/local.sh --master
spark://...`` or ``submit/k8s.sh`` work the same way), so the scheduled job gets exactly what a manual one
gets: Java 17's module openings (``conf/jvm-options``), ND4J's off-heap caps for JavaCPP
(``org.bytedeco.javacpp.maxbytes``/``maxphysicalbytes``), the executors' ``spark.executor.memoryOverhead``,
``OMP_NUM_THREADS=1`` and the encryption settings, all from ``submit/common.sh``. The settings are the
scripts' environment variables (``SPARKNET_EXECUTOR_MEMORY``, ``SPARKNET_EXECUTOR_OFFHEAP``, ...; see the
script's header). Needs a worker with Java 17 and a checkout of sparknet at ``SPARKNET_HOME`` built with
``mvn -B package -DskipTests``; ``HADOOP_CONF_DIR`` names the cluster's client configuration.

Exit codes of ``retrain``: 0 promoted a new version, 3 kept the current model (the challenger was not
better), 2 bad input, 1 failure (crash, divergence, registry locked by another run). ``skip_on_exit_code=3``
(Airflow >= 2.6) marks "kept" as a *skipped* task, distinct from success and failure in the UI; any other
non-zero code fails the task and is retried. ``--resume`` makes a retry continue the interrupted run from
its last completed epoch instead of starting over; ``max_active_runs=1`` keeps Airflow from racing the
registry lock. The outcome of every run is also the last line of ``REGISTRY/runs.jsonl`` (``status``:
promoted | kept | failed | diverged | interrupted).
"""
import shlex
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

SPARKNET_HOME = "/opt/sparknet"
SUBMIT = "submit/yarn.sh"
REGISTRY = "hdfs:///models/mnist"
DATA = "hdfs:///data/mnist/latest"
# Passed to the submit script on top of the worker's own environment (append_env).
SUBMIT_ENV = {
    "HADOOP_CONF_DIR": "/etc/hadoop/conf",
    "SPARKNET_EXECUTORS": "2",
    "SPARKNET_EXECUTOR_MEMORY": "4g",
    "SPARKNET_EXECUTOR_OFFHEAP": "2g",
    "SPARKNET_DRIVER_MEMORY": "4g",
}

# Shell-quoted; the note is a Jinja template Airflow fills in per run.
RETRAIN_COMMAND = " ".join(
    [
        "cd", shlex.quote(SPARKNET_HOME), "&&", SUBMIT, "retrain",
        "--registry", shlex.quote(REGISTRY),
        "--data", shlex.quote(DATA),
        "--resume",
        "--note", "'airflow {{ dag.dag_id }} {{ ts }}'",
    ]
)

with DAG(
    dag_id="sparknet_retrain",
    start_date=datetime(2025, 1, 1),
    schedule="30 2 * * *",
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
) as dag:
    retrain = BashOperator(
        task_id="retrain",
        bash_command=RETRAIN_COMMAND,
        env=SUBMIT_ENV,
        append_env=True,
        skip_on_exit_code=3,
    )
