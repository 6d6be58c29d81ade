package dev.modelfleet.registry.delta;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class DeltaJobController {
  private final DeltaJobs jobs;

  DeltaJobController(DeltaJobs jobs) {
    this.jobs = jobs;
  }

  @Operation(summary = "Delta jobs of a model (optionally only those whose target is a release)")
  @GetMapping("/models/{model}/delta-jobs")
  List<DeltaJobView> list(
      @PathVariable String model, @RequestParam(required = false) @Nullable String release) {
    return jobs.list(model, release);
  }

  @Operation(summary = "One delta job")
  @GetMapping("/delta-jobs/{id}")
  DeltaJobView get(@PathVariable long id) {
    return jobs.get(id);
  }
}
