// rnn4j layout conversions: PyTorch's gate row blocks <-> oneDNN's ldigo, on native buffers, so the
// per-step conversion of recurrent weights (to the engine) and of their gradients (back to PyTorch's
// names and layout) never goes through Java arrays. Parsed by JavaCPP like rnn4j.h.
//
// PyTorch stores one direction's weights as W [G*H, K] (row gt*H + j = output j of PyTorch gate block gt,
// column k = input k); oneDNN as ldigo [K, G, H]. With gt = torch_gate_of[g]:
//   ldigo[k][g][j] = W[torch_gate_of[g]*H + j][k]
// (a transpose per gate block plus a gate reorder; the projection weight_hr [P, H] -> ldio [H, P] is the
// case G = 1 with H = P and K = H).
#ifndef RNN4J_LAYOUT_H
#define RNN4J_LAYOUT_H

#include <cstdint>

namespace rnn4j {

/** Writes ldigo [K, G, H] from torch [G*H, K]; torch_gate_of [G] holds a permutation of 0..G-1. */
void torch_to_ldigo(int64_t gates, int64_t hidden, int64_t inputs, const int32_t* torch_gate_of, const float* torch,
                    float* ldigo);

/**
 * The inverse: torch [G*H, K] from ldigo [K, G, H]; gradient_mode GRADIENTS_OVERWRITE writes torch,
 * GRADIENTS_ACCUMULATE adds to it (a parameter's gradient accumulated over backwards).
 */
void ldigo_to_torch(int64_t gates, int64_t hidden, int64_t inputs, const int32_t* torch_gate_of, const float* ldigo,
                    float* torch, int gradient_mode);

}  // namespace rnn4j

#endif  // RNN4J_LAYOUT_H
