/**
 * The rest of a training step on librnn4j (oneDNN): {@link org.rnn4j.ops.NativeLinear},
 * {@link org.rnn4j.ops.NativeEmbedding}, {@link org.rnn4j.ops.NativeLosses},
 * {@link org.rnn4j.ops.NativeDropout}, {@link org.rnn4j.ops.NativeClipping} and
 * {@link org.rnn4j.ops.NativeOptimizers}, with their immutable configs. Shapes are checked in Java
 * before native code runs; value ranges that need a pass over the data (ids, targets, mask weights)
 * are checked natively. Every caller mistake is an {@link java.lang.IllegalArgumentException}
 * naming the argument, the expected and the actual value. {@code org.rnn4j.jvm.ops} holds the
 * pure-JVM reference of each op.
 */
package org.rnn4j.ops;
