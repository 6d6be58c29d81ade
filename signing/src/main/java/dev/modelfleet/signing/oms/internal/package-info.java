/** Implementation of OMS: model enumeration, resource names, statements, manifest comparison. */
@NullMarked
package dev.modelfleet.signing.oms.internal;

import org.jspecify.annotations.NullMarked;
