/** Reading a patch without applying it: header, sections and operation counts. */
@NullMarked
package dev.modelfleet.delta.inspect;

import org.jspecify.annotations.NullMarked;
