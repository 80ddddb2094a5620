"""Nightly Vitalake pipeline: bronze -> silver -> gold, readiness, models and plans.

Runs `pipeline run --date <logical date>` once a night, before most users wake up. The Spring
Batch job inside is incremental and idempotent, so Airflow retries and manual reruns are safe: a
rerun recomputes the same days and overwrites the same partitions.
"""

from datetime import datetime, timedelta

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

from vitalake_common import batch_command

with DAG(
    dag_id="vitalake_nightly",
    description="Normalize, aggregate, score readiness, train and publish daily plans",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["vitalake"],
) as dag:
    BashOperator(
        task_id="pipeline_run",
        bash_command=batch_command("pipeline run --date {{ ds }}"),
        execution_timeout=timedelta(hours=3),
    )
