package dev.modelfleet.delta.create;

import java.io.IOException;

/** Decides how to describe the target and feeds the pipeline, in target order. */
interface Planner {

  /** The strategy's name in summaries. */
  String strategy();

  void plan(SectionPipeline pipeline, Tasks tasks) throws IOException;
}
