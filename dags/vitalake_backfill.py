"""Recompute the lakehouse from bronze: after a bulk import, a policy change or a bug fix.

Triggered by hand or through the REST API (the `pipeline trigger` command of batch-jobs uses the
Airflow Java client); `conf` may carry {"full": true} to recompute every day instead of the days
touched since the last run.
"""

from datetime import datetime, timedelta

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

from vitalake_common import batch_command

with DAG(
    dag_id="vitalake_backfill",
    description="Recompute silver and gold from bronze",
    schedule=None,
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    params={"full": False},
    tags=["vitalake"],
) as dag:
    BashOperator(
        task_id="pipeline_run",
        bash_command=batch_command(
            # Airflow 3 allows manual runs without a logical date; fall back to when it was queued.
            "pipeline run --date {{ (logical_date or dag_run.run_after).strftime('%Y-%m-%d') }}"
            "{% if params.full %} --full{% endif %}"
        ),
        execution_timeout=timedelta(hours=6),
    )
