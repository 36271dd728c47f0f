"""Airflow DAG: gongkai's yearly run on a Spark cluster (example; adjust the connection, paths and resources).

Ingests the year's crawl, then recomputes the previous year's gold tables and cross-year checks. Both steps are
idempotent: a rerun of either leaves the tables as they were.
"""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

APP = "/opt/gongkai/target/gongkai-cluster.jar"
WAREHOUSE = "s3a://reports/gongkai"
CONF = {
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
    "spark.sql.files.maxPartitionBytes": "16m",
    "spark.sql.files.openCostInBytes": "65536",
}

with DAG(
    dag_id="gongkai_yearly",
    start_date=datetime(2025, 3, 1),
    schedule="0 2 1 3 *",  # 1 March, after the 31 January deadline for annual reports
    catchup=False,
    tags=["gongkai"],
) as dag:
    ingest = SparkSubmitOperator(
        task_id="ingest_and_parse",
        conn_id="spark_default",
        application=APP,
        java_class="org.gongkai.job.GongkaiJob",
        application_args=["run", "--input", "s3a://reports/raw/", "--warehouse", WAREHOUSE],
        conf=CONF,
        executor_memory="4g",
        executor_cores=4,
    )
    rollup = SparkSubmitOperator(
        task_id="yearly_rollup",
        conn_id="spark_default",
        application=APP,
        java_class="org.gongkai.job.GongkaiJob",
        application_args=["rollup", "--year", "{{ data_interval_end.year - 1 }}", "--warehouse", WAREHOUSE],
        conf=CONF,
    )
    ingest >> rollup
