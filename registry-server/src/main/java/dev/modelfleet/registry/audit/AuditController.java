package dev.modelfleet.registry.audit;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
class AuditController {
  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  @Operation(summary = "Audited actions, newest first (ADMIN)")
  @GetMapping
  List<AuditEntry> search(
      @RequestParam(required = false) @Nullable String targetType,
      @RequestParam(required = false) @Nullable String target,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return audit.search(targetType, target, page, size);
  }
}
