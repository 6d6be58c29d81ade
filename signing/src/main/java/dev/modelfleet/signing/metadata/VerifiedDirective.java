package dev.modelfleet.signing.metadata;

/** A directive that passed verification, with the target it names. */
public record VerifiedDirective(Directive directive, TargetEntry target) {}
