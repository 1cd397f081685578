package org.rnn4j.interop;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.backend.onednn.NativeEnums;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.interop.TorchNames.Kind;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;

/**
 * {@link RecurrentLayout}'s per-step conversions between parameter tensors (PyTorch's layout) and the
 * engine's {@link RnnWeights}, done by librnn4j on the native buffers ({@code rnn4j_layout.h}): the same
 * re-indexing as {@link GateBlocks}, without copying through Java arrays. The weight matrices go through
 * native code; the small bias and peephole blocks through {@link GateOrder} here. Results equal the Java
 * conversion bit for bit (copies, and for gradients one f32 addition per element in the same order).
 */
final class NativeGateBlocks {
    private static final IntPointer ONE_GATE = new IntPointer(new int[] {0});
    private static final Map<CellKind, IntPointer> GATES = new ConcurrentHashMap<>();

    private NativeGateBlocks() {
    }

    /** Whether librnn4j is loaded (else {@link RecurrentLayout} converts in Java). */
    static boolean available() {
        return NativeLibrary.isAvailable();
    }

    /** Writes every tensor of {@code into} from {@code parameters} (by name; shapes already checked). */
    static void toEngine(Map<String, Tensor> parameters, RnnWeights into) {
        RnnConfig c = into.config();
        GateOrder order = GateOrder.of(c.cell());
        IntPointer gateOf = gates(c.cell());
        int dirs = c.directions(), gates = c.cell().gates(), biasGates = c.cell().biasGates();
        int h = c.hiddenSize(), s = c.stateSize(), p = c.projectionSize();
        float[] bias = new float[(int) into.bias().size()];
        float[] peephole = c.hasPeephole() ? new float[(int) into.peephole().size()] : null;
        FloatPointer layer = TensorMemory.write(into.weightsLayer());
        FloatPointer iter = TensorMemory.write(into.weightsIter());
        FloatPointer projection = c.hasProjection() ? TensorMemory.write(into.projection()) : null;
        for (int l = 0; l < c.layers(); l++) {
            int in = c.layerInputSize(l);
            for (int d = 0; d < dirs; d++) {
                int block = l * dirs + d;
                long layerAt = into.weightsLayerOffset(l) + (long) d * in * gates * h;
                FloatPointer ih = read(parameters, c, Kind.WEIGHT_IH, l, d);
                FloatPointer hh = read(parameters, c, Kind.WEIGHT_HH, l, d);
                NativeLibrary.call(() -> rnn4j.torch_to_ldigo(gates, h, in, gateOf, ih, layer.getPointer(layerAt)));
                long iterAt = (long) block * s * gates * h;
                NativeLibrary.call(() -> rnn4j.torch_to_ldigo(gates, h, s, gateOf, hh, iter.getPointer(iterAt)));
                float[] bIh = parameters.get(RecurrentLayout.name(c, Kind.BIAS_IH, l, d)).toFloatArray();
                float[] bHh = parameters.get(RecurrentLayout.name(c, Kind.BIAS_HH, l, d)).toFloatArray();
                RecurrentLayout.addBiases(order, h, bIh, bHh, bias, block * biasGates * h);
                if (projection != null) {
                    FloatPointer hr = read(parameters, c, Kind.WEIGHT_HR, l, d);
                    long at = (long) block * h * p;
                    NativeLibrary.call(() -> rnn4j.torch_to_ldigo(1, p, h, ONE_GATE, hr, projection.getPointer(at)));
                }
                if (peephole != null) {
                    float[] v = parameters.get(RecurrentLayout.name(c, Kind.WEIGHT_PEEPHOLE, l, d)).toFloatArray();
                    System.arraycopy(v, 0, peephole, block * 3 * h, 3 * h);
                }
            }
        }
        into.bias().copyFrom(bias);
        if (peephole != null) {
            into.peephole().copyFrom(peephole);
        }
    }

    /** Adds the engine's weight gradients, in PyTorch's layout, to the tensors of {@code into} (by name). */
    static void addGradients(RnnWeights gradients, Map<String, Tensor> into) {
        RnnConfig c = gradients.config();
        GateOrder order = GateOrder.of(c.cell());
        IntPointer gateOf = gates(c.cell());
        int dirs = c.directions(), gates = c.cell().gates(), biasGates = c.cell().biasGates();
        int h = c.hiddenSize(), s = c.stateSize(), p = c.projectionSize();
        int add = NativeEnums.gradientMode(GradientMode.ACCUMULATE).value;
        FloatPointer layer = TensorMemory.read(gradients.weightsLayer());
        FloatPointer iter = TensorMemory.read(gradients.weightsIter());
        FloatPointer projection = c.hasProjection() ? TensorMemory.read(gradients.projection()) : null;
        float[] bias = gradients.bias().toFloatArray();
        float[] peephole = c.hasPeephole() ? gradients.peephole().toFloatArray() : null;
        for (int l = 0; l < c.layers(); l++) {
            int in = c.layerInputSize(l);
            for (int d = 0; d < dirs; d++) {
                int block = l * dirs + d;
                long layerAt = gradients.weightsLayerOffset(l) + (long) d * in * gates * h;
                FloatPointer ih = write(into, c, Kind.WEIGHT_IH, l, d);
                FloatPointer hh = write(into, c, Kind.WEIGHT_HH, l, d);
                NativeLibrary.call(() -> rnn4j.ldigo_to_torch(gates, h, in, gateOf, layer.getPointer(layerAt), ih, add));
                long iterAt = (long) block * s * gates * h;
                NativeLibrary.call(() -> rnn4j.ldigo_to_torch(gates, h, s, gateOf, iter.getPointer(iterAt), hh, add));
                Tensor bIh = tensor(into, c, Kind.BIAS_IH, l, d);
                Tensor bHh = tensor(into, c, Kind.BIAS_HH, l, d);
                float[] sumIh = bIh.toFloatArray();
                float[] sumHh = bHh.toFloatArray();
                int b0 = block * biasGates * h;
                for (int tg = 0; tg < gates; tg++) {
                    for (int j = 0; j < h; j++) {
                        sumIh[tg * h + j] += bias[b0 + order.inputBiasGate(tg) * h + j];
                        sumHh[tg * h + j] += bias[b0 + order.hiddenBiasGate(tg) * h + j];
                    }
                }
                bIh.copyFrom(sumIh);
                bHh.copyFrom(sumHh);
                if (projection != null) {
                    FloatPointer hr = write(into, c, Kind.WEIGHT_HR, l, d);
                    long at = (long) block * h * p;
                    NativeLibrary.call(() -> rnn4j.ldigo_to_torch(1, p, h, ONE_GATE, projection.getPointer(at), hr, add));
                }
                if (peephole != null) {
                    Tensor t = tensor(into, c, Kind.WEIGHT_PEEPHOLE, l, d);
                    float[] sum = t.toFloatArray();
                    for (int i = 0; i < 3 * h; i++) {
                        sum[i] += peephole[block * 3 * h + i];
                    }
                    t.copyFrom(sum);
                }
            }
        }
    }

    /**
     * The PyTorch gate block of each oneDNN gate of {@code cell}, made once per cell kind (native: JavaCPP's
     * overloads do not mix Java arrays and pointers).
     */
    private static IntPointer gates(CellKind cell) {
        return GATES.computeIfAbsent(cell, k -> new IntPointer(GateOrder.of(k).torchGateOf()));
    }

    private static FloatPointer read(Map<String, Tensor> parameters, RnnConfig c, Kind kind, int l, int d) {
        return TensorMemory.read(parameters.get(RecurrentLayout.name(c, kind, l, d)));
    }

    private static FloatPointer write(Map<String, Tensor> into, RnnConfig c, Kind kind, int l, int d) {
        return TensorMemory.write(tensor(into, c, kind, l, d));
    }

    private static Tensor tensor(Map<String, Tensor> into, RnnConfig c, Kind kind, int l, int d) {
        return into.get(RecurrentLayout.name(c, kind, l, d));
    }
}
