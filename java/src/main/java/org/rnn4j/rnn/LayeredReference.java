package org.rnn4j.rnn;

import org.rnn4j.RnnConfig;
import org.rnn4j.jvm.Forward;
import org.rnn4j.jvm.Gradients;
import org.rnn4j.jvm.ReferenceRnn;
import org.rnn4j.jvm.RnnParams;

/**
 * A stack run one layer at a time on the pure-JVM reference, with {@link DropoutMask} applied between
 * layers: what {@link JvmRnn} does for training forwards of stacks with dropout.
 */
final class LayeredReference {
    private final RnnConfig config;
    private final ReferenceRnn[] layers;

    /** Saved forward of every layer, and the inputs they read. */
    static final class Pass {
        final Forward[] layers;
        final long seed;
        final int steps;
        final int batch;
        final double[] y;
        final double[] hn;
        final double[] cn;

        Pass(Forward[] layers, long seed, int steps, int batch, double[] y, double[] hn, double[] cn) {
            this.layers = layers;
            this.seed = seed;
            this.steps = steps;
            this.batch = batch;
            this.y = y;
            this.hn = hn;
            this.cn = cn;
        }
    }

    LayeredReference(RnnConfig config) {
        this.config = config;
        this.layers = new ReferenceRnn[config.layers()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new ReferenceRnn(layerConfig(l));
        }
    }

    private RnnConfig layerConfig(int l) {
        return RnnConfig.builder(config.cell(), config.layerInputSize(l), config.hiddenSize())
                .direction(config.direction()).layers(1).projection(config.projectionSize())
                .peephole(config.hasPeephole()).build();
    }

    private RnnParams layerParams(RnnParams all, int l) {
        return new RnnParams(layerConfig(l), new double[][] {all.weightsLayer(l)}, new double[][] {all.weightsIter(l)},
                new double[][] {all.bias(l)}, config.hasPeephole() ? new double[][] {all.peephole(l)} : null,
                config.hasProjection() ? new double[][] {all.projection(l)} : null);
    }

    Pass forward(RnnParams params, double[] x, int steps, int batch, int[] lengths, double[] h0, double[] c0,
                 long seed) {
        int stateBlock = config.directions() * batch * config.stateSize();
        int cellBlock = config.directions() * batch * config.hiddenSize();
        double[] hn = new double[config.layers() * stateBlock];
        double[] cn = config.cell().isLstm() ? new double[config.layers() * cellBlock] : null;
        Forward[] saved = new Forward[config.layers()];
        double[] input = x;
        for (int l = 0; l < config.layers(); l++) {
            Forward f = layers[l].forward(layerParams(params, l), input, steps, batch, lengths,
                    slice(h0, l, stateBlock), slice(c0, l, cellBlock));
            saved[l] = f;
            System.arraycopy(f.hn(), 0, hn, l * stateBlock, stateBlock);
            if (cn != null) {
                System.arraycopy(f.cn(), 0, cn, l * cellBlock, cellBlock);
            }
            input = l + 1 < config.layers() ? masked(f.y(), seed, l) : f.y();
        }
        return new Pass(saved, seed, steps, batch, input, hn, cn);
    }

    /** Returns {dx, dh0, dc0} and writes the parameter gradients into {@code dParams}. */
    double[][] backward(Pass pass, double[] dY, double[] dHn, double[] dCn, RnnParams dParams) {
        int stateBlock = config.directions() * pass.batch * config.stateSize();
        int cellBlock = config.directions() * pass.batch * config.hiddenSize();
        double[] dh0 = new double[config.layers() * stateBlock];
        double[] dc0 = config.cell().isLstm() ? new double[config.layers() * cellBlock] : null;
        double[] dOut = dY;
        double[] dx = null;
        for (int l = config.layers() - 1; l >= 0; l--) {
            Gradients g = layers[l].backward(pass.layers[l], dOut, slice(dHn, l, stateBlock), slice(dCn, l, cellBlock));
            System.arraycopy(g.dh0(), 0, dh0, l * stateBlock, stateBlock);
            if (dc0 != null) {
                System.arraycopy(g.dc0(), 0, dc0, l * cellBlock, cellBlock);
            }
            RnnParams gl = g.dParams();
            System.arraycopy(gl.weightsLayer(0), 0, dParams.weightsLayer(l), 0, gl.weightsLayer(0).length);
            System.arraycopy(gl.weightsIter(0), 0, dParams.weightsIter(l), 0, gl.weightsIter(0).length);
            System.arraycopy(gl.bias(0), 0, dParams.bias(l), 0, gl.bias(0).length);
            if (config.hasPeephole()) {
                System.arraycopy(gl.peephole(0), 0, dParams.peephole(l), 0, gl.peephole(0).length);
            }
            if (config.hasProjection()) {
                System.arraycopy(gl.projection(0), 0, dParams.projection(l), 0, gl.projection(0).length);
            }
            dx = g.dx();
            dOut = l > 0 ? masked(dx, pass.seed, l - 1) : dx;
        }
        return new double[][] {dx, dh0, dc0};
    }

    private double[] masked(double[] values, long seed, int layer) {
        double[] out = new double[values.length];
        float p = (float) config.dropout();
        for (int e = 0; e < values.length; e++) {
            out[e] = values[e] * DropoutMask.factor(seed, layer, e, p);
        }
        return out;
    }

    private static double[] slice(double[] a, int block, int size) {
        if (a == null) {
            return null;
        }
        double[] out = new double[size];
        System.arraycopy(a, block * size, out, 0, size);
        return out;
    }
}
