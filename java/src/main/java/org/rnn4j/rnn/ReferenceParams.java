package org.rnn4j.rnn;

import org.rnn4j.RnnConfig;
import org.rnn4j.jvm.RnnParams;
import org.rnn4j.tensor.Tensor;

/** Converts between {@link RnnWeights} (f32 tensors, layers concatenated) and the reference's {@link RnnParams} (double, per layer). */
final class ReferenceParams {
    private ReferenceParams() {
    }

    static RnnParams toParams(RnnWeights w) {
        RnnConfig c = w.config();
        int layers = c.layers();
        double[][] layer = new double[layers][], iter = new double[layers][], bias = new double[layers][];
        double[][] peephole = c.hasPeephole() ? new double[layers][] : null;
        double[][] projection = c.hasProjection() ? new double[layers][] : null;
        float[] wl = w.weightsLayer().toFloatArray(), wi = w.weightsIter().toFloatArray(), b = w.bias().toFloatArray();
        float[] wp = peephole == null ? null : w.peephole().toFloatArray();
        float[] wr = projection == null ? null : w.projection().toFloatArray();
        int layerOffset = 0;
        for (int l = 0; l < layers; l++) {
            int size = (int) c.weightsLayerSize(l);
            layer[l] = slice(wl, layerOffset, size);
            layerOffset += size;
            iter[l] = slice(wi, l * (int) c.weightsIterSize(), (int) c.weightsIterSize());
            bias[l] = slice(b, l * (int) c.biasSize(), (int) c.biasSize());
            if (peephole != null) {
                peephole[l] = slice(wp, l * (int) c.peepholeSize(), (int) c.peepholeSize());
            }
            if (projection != null) {
                projection[l] = slice(wr, l * (int) c.projectionWeightsSize(), (int) c.projectionWeightsSize());
            }
        }
        return new RnnParams(c, layer, iter, bias, peephole, projection);
    }

    /** Writes {@code p} into {@code w}, replacing or adding to its contents. */
    static void write(RnnParams p, RnnWeights w, boolean accumulate) {
        RnnConfig c = p.config();
        int layers = c.layers();
        double[][] layer = new double[layers][], iter = new double[layers][], bias = new double[layers][];
        double[][] peephole = new double[layers][], projection = new double[layers][];
        for (int l = 0; l < layers; l++) {
            layer[l] = p.weightsLayer(l);
            iter[l] = p.weightsIter(l);
            bias[l] = p.bias(l);
            peephole[l] = p.peephole(l);
            projection[l] = p.projection(l);
        }
        store(layer, w.weightsLayer(), accumulate);
        store(iter, w.weightsIter(), accumulate);
        store(bias, w.bias(), accumulate);
        if (w.peephole() != null) {
            store(peephole, w.peephole(), accumulate);
        }
        if (w.projection() != null) {
            store(projection, w.projection(), accumulate);
        }
        w.changed();
    }

    private static void store(double[][] perLayer, Tensor target, boolean accumulate) {
        float[] out = accumulate ? target.toFloatArray() : new float[(int) target.size()];
        int o = 0;
        for (double[] block : perLayer) {
            for (double v : block) {
                out[o++] += (float) v;
            }
        }
        target.copyFrom(out);
    }

    static double[] toDouble(Tensor t) {
        float[] f = t.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static void store(double[] values, Tensor target) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        target.copyFrom(f);
    }

    private static double[] slice(float[] from, int offset, int size) {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = from[offset + i];
        }
        return d;
    }
}
