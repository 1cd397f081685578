package org.rnn4j.rnn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.internal.RnnData;
import org.rnn4j.internal.RnnDesc;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.internal.RnnKernel;

/**
 * Every rejection of librnn4j's own argument checks, driven through the generated JNI classes (so the
 * Java-side checks cannot hide them): each arrives as an IllegalArgumentException whose message names
 * the argument and the expected and actual values; the JVM keeps running.
 */
class NativeRejectionsTest {
    private static final int T = 2, N = 2, I = 3, H = 4;

    @BeforeAll
    static void load() {
        NativeLibrary.ensureLoaded();
    }

    static Stream<Arguments> badDescriptions() {
        return Stream.of(
                Arguments.of("layers 0", (Consumer<RnnDesc>) d -> d.layers(0), "RnnDesc.layers must be > 0, got 0"),
                Arguments.of("input 0", (Consumer<RnnDesc>) d -> d.input_size(0), "RnnDesc.input_size must be > 0, got 0"),
                Arguments.of("hidden -3", (Consumer<RnnDesc>) d -> d.hidden_size(-3), "RnnDesc.hidden_size must be > 0, got -3"),
                Arguments.of("projection on GRU", (Consumer<RnnDesc>) d -> d.cell(rnn4j.CellKind.CELL_GRU).projection_size(2),
                        "RnnDesc.projection_size is only supported for LSTM, got cell GRU"),
                Arguments.of("projection >= hidden", (Consumer<RnnDesc>) d -> d.projection_size(4),
                        "RnnDesc.projection_size must be < hidden_size 4, got 4"),
                Arguments.of("negative projection", (Consumer<RnnDesc>) d -> d.projection_size(-1),
                        "RnnDesc.projection_size must be >= 0 (0 = none), got -1"),
                Arguments.of("peephole on RNN", (Consumer<RnnDesc>) d -> d.cell(rnn4j.CellKind.CELL_RNN_TANH).peephole(1),
                        "RnnDesc.peephole is only supported for LSTM, got cell RNN_TANH"),
                Arguments.of("peephole 2", (Consumer<RnnDesc>) d -> d.peephole(2), "RnnDesc.peephole must be 0 or 1, got 2"),
                Arguments.of("dropout 1", (Consumer<RnnDesc>) d -> d.dropout(1f), "RnnDesc.dropout must be in [0, 1), got 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDescriptions")
    void rejectsDescription(String name, Consumer<RnnDesc> breakIt, String message) {
        try (RnnDesc desc = lstm()) {
            breakIt.accept(desc);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NativeLibrary.call(() -> new RnnKernel(desc).close()));
            assertTrue(e.getMessage().equals(message), "got: " + e.getMessage());
        }
    }

    /** A call setup: which kernel, and how the otherwise valid data is broken. */
    interface Breaker {
        void accept(RnnDesc desc, RnnData data, Buffers buffers);
    }

    static final class Buffers implements AutoCloseable {
        final FloatPointer x = new FloatPointer(T * N * I), wl = new FloatPointer(I * 4 * H), wi = new FloatPointer(H * 4 * H),
                b = new FloatPointer(4 * H), y = new FloatPointer(T * N * H), state = new FloatPointer(N * H),
                peephole = new FloatPointer(3 * H), ws = new FloatPointer(1 << 20), dy = new FloatPointer(T * N * H);
        final IntPointer lengths = new IntPointer(new int[] {2, 3});

        @Override
        public void close() {
            for (var p : new org.bytedeco.javacpp.Pointer[] {x, wl, wi, b, y, state, peephole, ws, dy, lengths}) {
                p.close();
            }
        }
    }

    static Stream<Arguments> badCalls() {
        return Stream.of(
                Arguments.of("steps 0", (Breaker) (desc, d, b) -> d.steps(0), false, "RnnData.steps must be > 0, got 0"),
                Arguments.of("null input", (Breaker) (desc, d, b) -> d.src_layer(null), false,
                        "RnnData.src_layer must not be null (the input sequence [T, N, I])"),
                Arguments.of("null output", (Breaker) (desc, d, b) -> d.dst_layer(null), false,
                        "RnnData.dst_layer must not be null (the output sequence [T, N, O])"),
                Arguments.of("null bias", (Breaker) (desc, d, b) -> d.bias(null), false,
                        "RnnData.bias must not be null (ldgo bias; pass zeros for a bias-free cell)"),
                Arguments.of("peephole without peephole", (Breaker) (desc, d, b) -> d.weights_peephole(b.peephole), false,
                        "RnnData.weights_peephole must be null (the network was created without peephole)"),
                Arguments.of("length out of range", (Breaker) (desc, d, b) -> d.lengths(b.lengths), false,
                        "RnnData.lengths[1] must be in [1, T = 2], got 3"),
                Arguments.of("training without workspace", (Breaker) (desc, d, b) -> d.workspace(null), true,
                        "RnnData.workspace must not be null (a training forward writes the workspace that backward reads)"),
                Arguments.of("workspace too small", (Breaker) (desc, d, b) -> d.workspace_size(16), true,
                        "RnnData.workspace_size must be >= "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void rejectsForward(String name, Breaker breakIt, boolean training, String message) {
        try (RnnDesc desc = lstm(); Buffers b = new Buffers(); RnnData d = new RnnData(); RnnKernel kernel = new RnnKernel(desc)) {
            d.steps(T).batch(N).src_layer(b.x).weights_layer(b.wl).weights_iter(b.wi).bias(b.b).dst_layer(b.y)
                    .workspace(b.ws).workspace_size(b.ws.capacity() * 4);
            breakIt.accept(desc, d, b);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NativeLibrary.call(() -> kernel.forward(training ? 1 : 0, d)));
            assertTrue(e.getMessage().startsWith(message), "got: " + e.getMessage());
        }
    }

    @Test
    void gruRejectsCellStateAndBadGradientMode() {
        try (RnnDesc desc = lstm().cell(rnn4j.CellKind.CELL_GRU); Buffers b = new Buffers(); RnnData d = new RnnData();
             RnnKernel kernel = new RnnKernel(desc)) {
            d.steps(T).batch(N).src_layer(b.x).weights_layer(b.wl).weights_iter(b.wi).bias(b.b).dst_layer(b.y)
                    .src_iter_c(b.state);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NativeLibrary.call(() -> kernel.forward(0, d)));
            assertTrue(e.getMessage().equals("RnnData.src_iter_c must be null (only LSTM has a cell state)"),
                    "got: " + e.getMessage());
            d.src_iter_c(null).diff_dst_layer(b.dy).workspace(b.ws).workspace_size(b.ws.capacity() * 4);
            e = assertThrows(IllegalArgumentException.class, () -> NativeLibrary.call(() -> kernel.backward(3, d)));
            assertTrue(e.getMessage().startsWith("gradient_mode must be 0 (overwrite) or 1 (accumulate), got 3"),
                    "got: " + e.getMessage());
        }
    }

    private static RnnDesc lstm() {
        return new RnnDesc().cell(rnn4j.CellKind.CELL_LSTM).direction(rnn4j.RnnDirection.DIRECTION_LEFT_TO_RIGHT).layers(1).input_size(I).hidden_size(H);
    }
}
