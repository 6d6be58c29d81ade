package dev.modelfleet.registry.model;

/** What other features need to know about a model. */
public record ModelRef(long id, String name, TargetsSigning targetsSigning) {}
