package dev.modelfleet.registry.model;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
class ModelController {
  private final ModelCatalog catalog;

  ModelController(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  record AddKeyRequest(@NotBlank String publicKey) {}

  @Operation(summary = "Create a model with its publisher keys (PUBLISHER)")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ModelView create(@Valid @RequestBody CreateModelRequest request) {
    return catalog.create(request);
  }

  @Operation(summary = "List models")
  @GetMapping
  List<ModelView> list() {
    return catalog.list();
  }

  @Operation(summary = "One model")
  @GetMapping("/{name}")
  ModelView get(@PathVariable String name) {
    return catalog.get(name);
  }

  @Operation(summary = "Register another publisher key (ADMIN)")
  @PostMapping("/{name}/publisher-keys")
  ModelView addKey(@PathVariable String name, @Valid @RequestBody AddKeyRequest request) {
    return catalog.addKey(name, request.publicKey());
  }

  @Operation(summary = "Stop accepting uploads signed by a publisher key (ADMIN)")
  @DeleteMapping("/{name}/publisher-keys/{keyId}")
  ModelView revokeKey(@PathVariable String name, @PathVariable String keyId) {
    return catalog.revokeKey(name, keyId);
  }
}
