package org.rnn4j.nn;

import java.util.Arrays;
import java.util.List;

import org.rnn4j.reference.ops.ReferenceClipping;
import org.rnn4j.reference.ops.ReferenceDropout;
import org.rnn4j.reference.ops.ReferenceEmbedding;
import org.rnn4j.reference.ops.ReferenceLinear;
import org.rnn4j.reference.ops.ReferenceMeanSquaredError;
import org.rnn4j.reference.ops.ReferenceOptimizers;
import org.rnn4j.reference.ops.ReferenceSoftmaxCrossEntropy;
import org.rnn4j.backend.DropoutMask;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.tensor.Shape;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;
import org.rnn4j.tensor.Tensor;

/**
 * {@link Kernels} on the pure-JVM references ({@code org.rnn4j.reference.ops}): f32 tensors are read into
 * double arrays, the reference computes in double, results are rounded back to f32.
 */
final class JvmKernels implements Kernels {
    static final JvmKernels INSTANCE = new JvmKernels();

    private JvmKernels() {
    }

    @Override
    public Backend backend() {
        return Backend.JVM;
    }

    @Override
    public LinearOp linear(int inFeatures, int outFeatures) {
        ReferenceLinear linear = new ReferenceLinear(inFeatures, outFeatures);
        return new LinearOp() {
            @Override
            public Tensor forward(Tensor x, Tensor weights, Tensor bias) {
                double[] y = linear.forward(read(x), read(weights), bias == null ? null : read(bias));
                return write(y, withWidth(x.shape(), outFeatures));
            }

            @Override
            public Tensor backward(Tensor x, Tensor weights, Tensor outputGradient, Tensor weightsGradient,
                                   Tensor biasGradient) {
                double[] dw = read(weightsGradient);
                double[] db = biasGradient == null ? null : read(biasGradient);
                double[] dx = linear.backward(read(x), read(weights), read(outputGradient), dw, db,
                        GradientMode.ACCUMULATE);
                store(dw, weightsGradient);
                if (biasGradient != null) {
                    store(db, biasGradient);
                }
                return write(dx, x.shape());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Tensor embedding(Tensor table, long[] ids, long... idsShape) {
        int width = (int) table.shape().dim(1);
        long[] dims = Arrays.copyOf(idsShape.length == 0 ? new long[] {ids.length} : idsShape,
                Math.max(1, idsShape.length) + 1);
        dims[dims.length - 1] = width;
        return write(ReferenceEmbedding.forward(read(table), width, ids), Shape.of(dims));
    }

    @Override
    public void embeddingBackward(long[] ids, Tensor outputGradient, Tensor tableGradient) {
        double[] dTable = read(tableGradient);
        ReferenceEmbedding.backward(ids, read(outputGradient), (int) tableGradient.shape().dim(1), dTable,
                GradientMode.ACCUMULATE, ReferenceEmbedding.NO_PADDING);
        store(dTable, tableGradient);
    }

    @Override
    public Tensor dropout(Tensor x, DropoutMask mask) {
        return write(ReferenceDropout.forward(read(x), mask), x.shape());
    }

    @Override
    public Tensor dropoutBackward(Tensor outputGradient, DropoutMask mask) {
        return write(ReferenceDropout.backward(read(outputGradient), mask), outputGradient.shape());
    }

    @Override
    public double crossEntropy(Tensor logits, long[] targets, Tensor mask) {
        return ReferenceSoftmaxCrossEntropy.loss(read(logits), lastDim(logits), targets, readOrNull(mask));
    }

    @Override
    public Tensor crossEntropyGradient(Tensor logits, long[] targets, Tensor mask, double lossGradient) {
        return write(ReferenceSoftmaxCrossEntropy.gradient(read(logits), lastDim(logits), targets, readOrNull(mask),
                lossGradient), logits.shape());
    }

    @Override
    public double meanSquaredError(Tensor prediction, Tensor target, Tensor mask) {
        target.shape().check("target", prediction.shape());
        return ReferenceMeanSquaredError.loss(read(prediction), read(target), lastDim(prediction), readOrNull(mask));
    }

    @Override
    public Tensor meanSquaredErrorGradient(Tensor prediction, Tensor target, Tensor mask, double lossGradient) {
        target.shape().check("target", prediction.shape());
        return write(ReferenceMeanSquaredError.gradient(read(prediction), read(target), lastDim(prediction), readOrNull(mask),
                lossGradient), prediction.shape());
    }

    @Override
    public double clipByGlobalNorm(List<Tensor> gradients, double maxNorm) {
        double[][] buffers = readAll(gradients);
        double norm = ReferenceClipping.clipByGlobalNorm(buffers, maxNorm);
        storeAll(buffers, gradients);
        return norm;
    }

    @Override
    public void clipByValue(List<Tensor> gradients, double maxValue) {
        double[][] buffers = readAll(gradients);
        ReferenceClipping.clipByValue(buffers, maxValue);
        storeAll(buffers, gradients);
    }

    @Override
    public void sgd(Sgd config, Tensor params, Tensor grads, Tensor velocity) {
        double[] p = read(params);
        double[] v = config.hasMomentum() ? read(velocity) : null;
        ReferenceOptimizers.sgd(config, p, read(grads), v);
        store(p, params);
        if (v != null) {
            store(v, velocity);
        }
    }

    @Override
    public void adam(Adam config, long step, Tensor params, Tensor grads, Tensor firstMoment,
                     Tensor secondMoment) {
        double[] p = read(params), m = read(firstMoment), v = read(secondMoment);
        ReferenceOptimizers.adam(config, step, p, read(grads), m, v);
        store(p, params);
        store(m, firstMoment);
        store(v, secondMoment);
    }

    @Override
    public void adamW(AdamW config, long step, Tensor params, Tensor grads, Tensor firstMoment,
                      Tensor secondMoment) {
        double[] p = read(params), m = read(firstMoment), v = read(secondMoment);
        ReferenceOptimizers.adamW(config, step, p, read(grads), m, v);
        store(p, params);
        store(m, firstMoment);
        store(v, secondMoment);
    }

    @Override
    public void rmsProp(RmsProp config, Tensor params, Tensor grads, Tensor squareAverage,
                        Tensor momentumBuffer) {
        double[] p = read(params), s = read(squareAverage);
        double[] b = config.hasMomentum() ? read(momentumBuffer) : null;
        ReferenceOptimizers.rmsProp(config, p, read(grads), s, b);
        store(p, params);
        store(s, squareAverage);
        if (b != null) {
            store(b, momentumBuffer);
        }
    }

    private static int lastDim(Tensor t) {
        Shape s = t.shape();
        if (s.rank() < 2) {
            throw new IllegalArgumentException("tensor must have rank >= 2, got " + s);
        }
        return (int) s.dim(s.rank() - 1);
    }

    private static Shape withWidth(Shape s, long width) {
        long[] dims = s.dims();
        dims[dims.length - 1] = width;
        return Shape.of(dims);
    }

    static double[] read(Tensor t) {
        float[] f = t.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[] readOrNull(Tensor t) {
        return t == null ? null : read(t);
    }

    private static double[][] readAll(List<Tensor> tensors) {
        double[][] out = new double[tensors.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = read(tensors.get(i));
        }
        return out;
    }

    static void store(double[] values, Tensor t) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        t.copyFrom(f);
    }

    private static void storeAll(double[][] values, List<Tensor> tensors) {
        for (int i = 0; i < values.length; i++) {
            store(values[i], tensors.get(i));
        }
    }

    private static Tensor write(double[] values, Shape shape) {
        Tensor t = Tensor.zeros(shape);
        store(values, t);
        return t;
    }
}
