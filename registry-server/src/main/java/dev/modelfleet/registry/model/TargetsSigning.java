package dev.modelfleet.registry.model;

/**
 * Who signs a model's targets metadata: the publisher's offline key (uploaded signed metadata) or
 * the registry's online targets key. See ADR "Targets signing".
 */
public enum TargetsSigning {
  /** The publisher signs targets offline and uploads them; the registry cannot forge targets. */
  PUBLISHER,
  /** The registry signs targets with its online targets key whenever the catalog changes. */
  ONLINE
}
