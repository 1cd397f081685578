/**
 * Pure-JVM references of the ops in {@code org.rnn4j.backend.onednn}, in double precision and plain loops,
 * with the same semantics (masks, normalisers, gradient modes, the dropout mask): the native ops and the JVM
 * backend's f32 kernels are tested against them, and their gradients against central finite differences. Tests
 * only: no backend runs them.
 */
package org.rnn4j.reference.ops;
