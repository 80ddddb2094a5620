# Airflow with a JDK 17, so its workers can run the Vitalake batch JVM (dags/).
FROM apache/airflow:3.1.0-python3.11
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
USER airflow
