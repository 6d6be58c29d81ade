package dev.modelfleet.delta.create;

import java.io.IOException;

/** Decides how to describe the target and feeds the pipeline, in target order. */
interface Planner {

  /** The strategy's name in summaries. */
  String strategy();

  /**
   * Whether the plan reads most of both files through {@link Tasks#tensorChunk}, in file order:
   * then the readers hash the files on the way. Otherwise the files are hashed on the pool beside
   * the plan.
   */
  boolean hashesOnTheWay();

  void plan(SectionPipeline pipeline, Tasks tasks) throws IOException;
}
