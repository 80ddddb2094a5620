package org.vitalake.batch.normalize;

import org.apache.spark.Dependency;
import org.apache.spark.OneToOneDependency;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.collection.Iterator;
import scala.collection.immutable.List$;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * The internal rows of a dataset as an RDD whose physical plan is made only when a job first needs
 * its partitions, so building a dataset on top of it runs nothing: with adaptive query execution,
 * planning a dataset's RDD runs its shuffles.
 */
final class PlannedRdd extends RDD<InternalRow> {

  private static final long serialVersionUID = 1L;

  private final transient Dataset<Row> source;
  private RDD<InternalRow> planned;

  PlannedRdd(Dataset<Row> source) {
    super(
        source.sparkSession().sparkContext(),
        List$.MODULE$.empty(),
        ClassTag$.MODULE$.apply(InternalRow.class));
    this.source = source;
  }

  private synchronized RDD<InternalRow> planned() {
    if (planned == null) {
      planned = source.queryExecution().toRdd();
    }
    return planned;
  }

  @Override
  public Seq<Dependency<?>> getDependencies() {
    Dependency<?> parent = new OneToOneDependency<>(planned());
    return CollectionConverters.asScala(java.util.List.<Dependency<?>>of(parent)).toList();
  }

  @Override
  public Partition[] getPartitions() {
    return planned().partitions();
  }

  @Override
  public Iterator<InternalRow> compute(Partition split, TaskContext context) {
    return planned.iterator(split, context);
  }
}
