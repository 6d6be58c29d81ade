package dev.modelfleet.signing.oms.internal;

import java.nio.file.Path;

/** A regular file of a model: its canonical model-relative name, location and size. */
public record ModelFile(String name, Path path, long size) {}
