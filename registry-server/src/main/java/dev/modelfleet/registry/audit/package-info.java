/**
 * The audit log: every mutating action with who, what, when and the state before and after, written
 * in the same transaction as the change and readable by admins through the API.
 */
@NullMarked
package dev.modelfleet.registry.audit;

import org.jspecify.annotations.NullMarked;
