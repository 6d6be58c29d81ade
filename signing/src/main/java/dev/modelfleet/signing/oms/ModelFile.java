package dev.modelfleet.signing.oms;

import java.nio.file.Path;

/** A regular file of a model: its canonical model-relative name, location and size. */
record ModelFile(String name, Path path, long size) {}
