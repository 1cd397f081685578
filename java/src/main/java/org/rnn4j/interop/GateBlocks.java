package org.rnn4j.interop;

/**
 * The one re-indexing between PyTorch's row-block weights and oneDNN's {@code ldigo}: PyTorch stores
 * a direction's weights as {@code W[G*H, K]} (row {@code gt*H + j} = output j of PyTorch gate block
 * gt, column k = input k); oneDNN as {@code [K, G, H]}. With {@code gt = torchGateOf[g]}:
 * <pre>
 *   ldigo[k][g][j] = W[torchGateOf[g]*H + j][k]
 * </pre>
 * A transpose per gate block plus a gate reorder. The projection {@code weight_hr [P, H]} → ldio
 * {@code [H, P]} is the case G = 1 (one block of P rows, K = H).
 */
final class GateBlocks {
    private GateBlocks() {
    }

    /**
     * Writes PyTorch {@code torch} [G*H, K] into {@code ldigo} [K, G, H] starting at {@code offset}.
     *
     * @param torchGateOf for each oneDNN gate g, the PyTorch row block holding it (length G)
     */
    static void toLdigo(float[] torch, int[] torchGateOf, int hidden, int inputs, float[] ldigo, int offset) {
        int gates = torchGateOf.length;
        for (int k = 0; k < inputs; k++) {
            for (int g = 0; g < gates; g++) {
                int row = torchGateOf[g] * hidden;
                int out = offset + (k * gates + g) * hidden;
                for (int j = 0; j < hidden; j++) {
                    ldigo[out + j] = torch[(row + j) * inputs + k];
                }
            }
        }
    }

    /** The inverse of {@link #toLdigo}: reads [K, G, H] at {@code offset} of {@code ldigo}, returns [G*H, K]. */
    static float[] toTorch(float[] ldigo, int offset, int[] torchGateOf, int hidden, int inputs) {
        int gates = torchGateOf.length;
        float[] torch = new float[gates * hidden * inputs];
        for (int k = 0; k < inputs; k++) {
            for (int g = 0; g < gates; g++) {
                int row = torchGateOf[g] * hidden;
                int in = offset + (k * gates + g) * hidden;
                for (int j = 0; j < hidden; j++) {
                    torch[(row + j) * inputs + k] = ldigo[in + j];
                }
            }
        }
        return torch;
    }
}
