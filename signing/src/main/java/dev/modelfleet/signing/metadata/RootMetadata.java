package dev.modelfleet.signing.metadata;

import dev.modelfleet.signing.VerificationKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The root of trust: every key, which keys sign which role with what threshold, and the publishers
 * whose OMS signatures devices accept.
 *
 * @param version starts at 1, each rotation adds exactly 1
 * @param keys by key id
 * @param roles keys and threshold for each of the five roles
 * @param publishers publisher name to the key ids of its OMS signing keys (listed in {@code keys})
 */
public record RootMetadata(
    long version,
    Instant expires,
    Map<String, VerificationKey> keys,
    Map<Role, RoleKeys> roles,
    Map<String, List<String>> publishers)
    implements Metadata {

  public RootMetadata {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
    Objects.requireNonNull(expires, "expires");
    keys = Map.copyOf(new TreeMap<>(keys));
    for (Map.Entry<String, VerificationKey> e : keys.entrySet()) {
      if (!e.getKey().equals(e.getValue().keyId())) {
        throw new IllegalArgumentException("key id " + e.getKey() + " is not the key's SHA-256");
      }
    }
    EnumMap<Role, RoleKeys> r = new EnumMap<>(Role.class);
    r.putAll(roles);
    for (Role role : Role.values()) {
      RoleKeys rk = r.get(role);
      if (rk == null) {
        throw new IllegalArgumentException("root must define role " + role.id());
      }
      for (String id : rk.keyIds()) {
        if (!keys.containsKey(id)) {
          throw new IllegalArgumentException("role " + role.id() + " names unknown key " + id);
        }
      }
    }
    roles = Map.copyOf(r);
    TreeMap<String, List<String>> p = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : publishers.entrySet()) {
      for (String id : e.getValue()) {
        if (!keys.containsKey(id)) {
          throw new IllegalArgumentException(
              "publisher " + e.getKey() + " names unknown key " + id);
        }
      }
      p.put(e.getKey(), List.copyOf(e.getValue()));
    }
    publishers = Map.copyOf(p);
  }

  @Override
  public Role role() {
    return Role.ROOT;
  }

  /** The keys and threshold of {@code role}. */
  public RoleKeys keysFor(Role role) {
    return Objects.requireNonNull(roles.get(role));
  }

  /** The OMS keys of {@code publisher}; empty if there is no such publisher. */
  public List<VerificationKey> publisherKeys(String publisher) {
    List<VerificationKey> out = new ArrayList<>();
    for (String id : publishers.getOrDefault(publisher, List.of())) {
      out.add(Objects.requireNonNull(keys.get(id)));
    }
    return out;
  }
}
