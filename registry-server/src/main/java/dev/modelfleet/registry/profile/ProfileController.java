package dev.modelfleet.registry.profile;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/profiles")
class ProfileController {
  private final ProfileCatalog catalog;

  ProfileController(ProfileCatalog catalog) {
    this.catalog = catalog;
  }

  @Operation(summary = "Create a hardware profile (PUBLISHER, FLEET_MANAGER)")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ProfileView create(@Valid @RequestBody ProfileRequest request) {
    return catalog.create(request);
  }

  @Operation(summary = "List hardware profiles")
  @GetMapping
  List<ProfileView> list() {
    return catalog.list();
  }

  @Operation(summary = "One hardware profile")
  @GetMapping("/{name}")
  ProfileView get(@PathVariable String name) {
    return catalog.get(name);
  }
}
