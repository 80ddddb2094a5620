"""Shared settings of the Vitalake DAGs: how a task runs the batch JVM.

The DAGs run exactly the commands an operator runs locally (`./vitalake pipeline run ...`), by
starting the batch JVM from the built jars. Where the Spark work executes is configuration:
`VITALAKE_SPARK_MASTER` on the worker points at the cluster (docker-compose.yml).
"""

import os

VITALAKE_ROOT = os.environ.get("VITALAKE_ROOT", "/opt/vitalake")

# The same flags the ./vitalake script passes to the Spark JVM on Java 17.
SPARK_JVM_OPTS = " ".join(
    f"--add-opens=java.base/{package}=ALL-UNNAMED"
    for package in (
        "java.lang",
        "java.lang.invoke",
        "java.lang.reflect",
        "java.io",
        "java.net",
        "java.nio",
        "java.util",
        "java.util.concurrent",
        "java.util.concurrent.atomic",
        "sun.nio.ch",
        "sun.nio.cs",
        "sun.security.action",
        "sun.util.calendar",
    )
)

BATCH_CLASSPATH = (
    f"{VITALAKE_ROOT}/batch-jobs/target/vitalake-batch-jobs-0.1.0-SNAPSHOT.jar:"
    f"{VITALAKE_ROOT}/batch-jobs/target/lib/*"
)


def batch_command(arguments: str) -> str:
    """The shell command that runs `BatchApplication` with the given arguments."""
    heap = os.environ.get("VITALAKE_BATCH_HEAP", "6g")
    return (
        f"java -Xmx{heap} {SPARK_JVM_OPTS} -cp '{BATCH_CLASSPATH}' "
        f"org.vitalake.batch.BatchApplication {arguments}"
    )
