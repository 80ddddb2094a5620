-- Databases of the production-like stack (docker-compose.yml): one PostgreSQL server, one
-- database per concern so each can move to its own server later.
CREATE DATABASE iceberg;
CREATE DATABASE identity;
CREATE DATABASE batch;
CREATE DATABASE airflow;
