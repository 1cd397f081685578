package org.rnn4j.rnn;

import org.rnn4j.RnnConfig;
import org.rnn4j.backend.jvm.FloatParams;
import org.rnn4j.tensor.Tensor;

/** Converts between {@link RnnWeights} (f32 tensors, layers concatenated) and {@link FloatParams} (f32, per layer). */
final class FloatWeights {
    private FloatWeights() {
    }

    static FloatParams toParams(RnnWeights w) {
        RnnConfig c = w.config();
        int layers = c.layers();
        float[][] layer = new float[layers][];
        float[][] iter = new float[layers][];
        float[][] bias = new float[layers][];
        float[][] peephole = c.hasPeephole() ? new float[layers][] : null;
        float[][] projection = c.hasProjection() ? new float[layers][] : null;
        float[] wl = w.weightsLayer().toFloatArray();
        float[] wi = w.weightsIter().toFloatArray();
        float[] b = w.bias().toFloatArray();
        float[] wp = peephole == null ? null : w.peephole().toFloatArray();
        float[] wr = projection == null ? null : w.projection().toFloatArray();
        for (int l = 0; l < layers; l++) {
            layer[l] = slice(wl, (int) w.weightsLayerOffset(l), (int) c.weightsLayerSize(l));
            iter[l] = slice(wi, l * (int) c.weightsIterSize(), (int) c.weightsIterSize());
            bias[l] = slice(b, l * (int) c.biasSize(), (int) c.biasSize());
            if (peephole != null) {
                peephole[l] = slice(wp, l * (int) c.peepholeSize(), (int) c.peepholeSize());
            }
            if (projection != null) {
                projection[l] = slice(wr, l * (int) c.projectionWeightsSize(), (int) c.projectionWeightsSize());
            }
        }
        return new FloatParams(c, layer, iter, bias, peephole, projection);
    }

    /** Writes {@code p} into {@code w}, replacing or adding to its contents as {@code mode} says. */
    static void write(FloatParams p, RnnWeights w, GradientMode mode) {
        int layers = p.config().layers();
        float[][] layer = new float[layers][];
        float[][] iter = new float[layers][];
        float[][] bias = new float[layers][];
        float[][] peephole = new float[layers][];
        float[][] projection = new float[layers][];
        for (int l = 0; l < layers; l++) {
            layer[l] = p.weightsLayer(l);
            iter[l] = p.weightsIter(l);
            bias[l] = p.bias(l);
            peephole[l] = p.peephole(l);
            projection[l] = p.projection(l);
        }
        store(layer, w.weightsLayer(), mode);
        store(iter, w.weightsIter(), mode);
        store(bias, w.bias(), mode);
        if (w.peephole() != null) {
            store(peephole, w.peephole(), mode);
        }
        if (w.projection() != null) {
            store(projection, w.projection(), mode);
        }
    }

    private static void store(float[][] perLayer, Tensor target, GradientMode mode) {
        float[] out = mode == GradientMode.ACCUMULATE ? target.toFloatArray() : new float[(int) target.size()];
        int o = 0;
        for (float[] block : perLayer) {
            for (float v : block) {
                out[o++] += v;
            }
        }
        target.copyFrom(out);
    }

    private static float[] slice(float[] from, int offset, int size) {
        float[] part = new float[size];
        System.arraycopy(from, offset, part, 0, size);
        return part;
    }
}
