package dev.modelfleet.registry.model;

/** Published when a model is created or its publisher keys change (root metadata must follow). */
public record ModelChanged(long modelId) {}
