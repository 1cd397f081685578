package org.rnn4j.reference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;

/** Every bad argument is an IllegalArgumentException naming the argument, the expected and the actual value. */
class ValidationTest {
    private static final RnnConfig LSTM = RnnConfig.builder(CellKind.LSTM, 3, 4).layers(2)
            .direction(Direction.BIDIRECTIONAL_CONCAT).build();
    private static final RnnConfig GRU = RnnConfig.builder(CellKind.GRU, 3, 4).build();
    private static final int T = 2;
    private static final int N = 3;

    private final ReferenceRnn lstm = new ReferenceRnn(LSTM);
    private final ReferenceRnn gru = new ReferenceRnn(GRU);
    private final RnnParams lstmParams = RnnParams.random(LSTM, 1, 0.5);
    private final RnnParams gruParams = RnnParams.random(GRU, 1, 0.5);
    private final double[] x = new double[T * N * 3];

    private static void fails(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should mention '" + fragment + "'");
        }
    }

    @Test
    void constructorNeedsAConfig() {
        fails(() -> new ReferenceRnn(null), "config");
    }

    @Test
    void forwardChecksParams() {
        fails(() -> lstm.forward(null, x, T, N), "params");
        fails(() -> lstm.forward(gruParams, x, T, N), "params", LSTM.toString(), GRU.toString());
    }

    @Test
    void forwardChecksShapes() {
        fails(() -> lstm.forward(lstmParams, x, 0, N), "T", "0");
        fails(() -> lstm.forward(lstmParams, x, T, -1), "N", "-1");
        fails(() -> lstm.forward(lstmParams, null, T, N), "x", "18");
        fails(() -> lstm.forward(lstmParams, new double[17], T, N), "x", "18", "17", "[T, N, I] = [2, 3, 3]");
        // h0 [L=2, D=2, N=3, S=4] = 48; c0 [L=2, D=2, N=3, H=4] = 48
        fails(() -> lstm.forward(lstmParams, x, T, N, null, new double[47], null), "h0", "48", "47");
        fails(() -> lstm.forward(lstmParams, x, T, N, null, null, new double[49]), "c0", "48", "49");
        fails(() -> gru.forward(gruParams, x, T, N, null, null, new double[12]), "c0", "null", "GRU");
    }

    @Test
    void forwardChecksLengths() {
        fails(() -> lstm.forward(lstmParams, x, T, N, new int[] {1, 2}, null, null), "lengths", "3", "2");
        fails(() -> lstm.forward(lstmParams, x, T, N, new int[] {1, 0, 2}, null, null), "lengths[1]", "[1, T = 2]",
                "0");
        fails(() -> lstm.forward(lstmParams, x, T, N, new int[] {3, 1, 2}, null, null), "lengths[0]", "[1, T = 2]",
                "3");
    }

    @Test
    void backwardChecksItsArguments() {
        Forward f = lstm.forward(lstmParams, x, T, N);
        fails(() -> lstm.backward(null, null, null, null), "fwd");
        fails(() -> gru.backward(f, null, null, null), "fwd", GRU.toString(), LSTM.toString());
        // y [T=2, N=3, W=8] = 48
        fails(() -> lstm.backward(f, new double[47], null, null), "dY", "48", "47");
        fails(() -> lstm.backward(f, null, new double[1], null), "dHn", "48", "1");
        fails(() -> lstm.backward(f, null, null, new double[2]), "dCn", "48", "2");
        Forward g = gru.forward(gruParams, x, T, N);
        fails(() -> gru.backward(g, null, null, new double[12]), "dCn", "null", "GRU");
    }

    @Test
    void paramsCheckEveryArray() {
        double[][] wl = {lstmParams.weightsLayer(0), lstmParams.weightsLayer(1)};
        double[][] wi = {lstmParams.weightsIter(0), lstmParams.weightsIter(1)};
        double[][] b = {lstmParams.bias(0), lstmParams.bias(1)};
        fails(() -> new RnnParams(null, wl, wi, b, null, null), "config");
        fails(() -> new RnnParams(LSTM, null, wi, b, null, null), "weightsLayer");
        fails(() -> new RnnParams(LSTM, new double[][] {wl[0]}, wi, b, null, null), "weightsLayer", "2", "1");
        // layer 1 input weights [D=2, Il=8, G=4, H=4] = 256
        fails(() -> new RnnParams(LSTM, new double[][] {wl[0], new double[255]}, wi, b, null, null),
                "weightsLayer[1]", "256", "255", "[2, 8, 4, 4]");
        fails(() -> new RnnParams(LSTM, wl, new double[][] {wi[0], null}, b, null, null), "weightsIter[1]", "128");
        fails(() -> new RnnParams(LSTM, wl, wi, new double[][] {b[0], new double[1]}, null, null), "bias[1]", "32",
                "1");
        fails(() -> new RnnParams(LSTM, wl, wi, b, new double[2][24], null), "peephole", "null");
        fails(() -> new RnnParams(LSTM, wl, wi, b, null, new double[2][24]), "projection", "null");
    }

    @Test
    void paramsRequirePeepholeAndProjectionWhenConfigured() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 2, 3).peephole(true).projection(2).build();
        RnnParams p = RnnParams.random(config, 1, 0.5);
        double[][] wl = {p.weightsLayer(0)};
        double[][] wi = {p.weightsIter(0)};
        double[][] b = {p.bias(0)};
        double[][] peep = {p.peephole(0)};
        fails(() -> new RnnParams(config, wl, wi, b, null, new double[][] {p.projection(0)}), "peephole");
        fails(() -> new RnnParams(config, wl, wi, b, peep, null), "projection");
        fails(() -> new RnnParams(config, wl, wi, b, new double[][] {new double[8]}, new double[][] {
            p.projection(0)}), "peephole[0]", "9", "8");
        fails(() -> new RnnParams(config, wl, wi, b, peep, new double[][] {new double[5]}), "projection[0]", "6",
                "5");
    }

    @Test
    void unflattenChecksTheLength() {
        int size = RnnParams.size(GRU);
        fails(() -> RnnParams.unflatten(GRU, new double[size + 1]), "flat", String.valueOf(size),
                String.valueOf(size + 1));
    }
}
