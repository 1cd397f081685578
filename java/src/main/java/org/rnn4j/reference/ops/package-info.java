/**
 * Pure-JVM references of the ops in {@code org.rnn4j.backend.onednn}, in double precision and plain loops,
 * with the same semantics (masks, normalisers, gradient modes, the dropout hash): the native ops
 * are tested against them, and their gradients against central finite differences.
 */
package org.rnn4j.reference.ops;
