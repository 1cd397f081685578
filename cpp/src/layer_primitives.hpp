// Builds oneDNN's fused RNN primitives for one layer (all its directions) of an RnnDesc.
#ifndef RNN4J_LAYER_PRIMITIVES_HPP
#define RNN4J_LAYER_PRIMITIVES_HPP

#include <oneapi/dnnl/dnnl.hpp>

#include <cstdint>

#include "rnn4j.h"

namespace rnn4j {

/** Widths derived once from an RnnDesc. */
struct RnnDims {
    int64_t layers, directions, gates, bias_gates, input, hidden, state, output;
    bool lstm;
    explicit RnnDims(const RnnDesc& desc);
    int64_t layer_input(int64_t layer) const { return layer == 0 ? input : output; }
};

/** Primitives of one layer for one (propagation, steps, batch) shape. */
struct LayerPrimitives {
    dnnl::primitive_desc forward_pd;
    dnnl::primitive forward;
    dnnl::primitive_desc backward_pd;  // empty unless built for training
    dnnl::primitive backward;
};

/**
 * Creates the forward (and for training also backward) primitive of one layer:
 * src_layer [T, N, layer_input] → dst_layer [T, N, O], states [1, D, N, S].
 * Weights and projection are created with format "any": query the chosen layouts.
 */
LayerPrimitives make_layer_primitives(const RnnDesc& desc, const RnnDims& dims, int propagation, int64_t steps,
                                      int64_t batch, int64_t layer_input);

/** The plain (caller) layouts of one layer's tensors, as memory descriptors. */
struct LayerLayouts {
    dnnl::memory::desc src_layer, dst_layer;                 // [T, N, I_l] and [T, N, O], tnc
    dnnl::memory::desc state, cell_state;                    // [1, D, N, S] and [1, D, N, H], ldnc
    dnnl::memory::desc weights_layer, weights_iter;          // [1, D, I_l, G, H] and [1, D, S, G, H], ldigo
    dnnl::memory::desc peephole, projection, bias;           // [1, D, 3, H] ldgo, [1, D, H, P] ldio, [1, D, Gb, H] ldgo
};

LayerLayouts layer_layouts(const RnnDesc& desc, const RnnDims& dims, int64_t steps, int64_t batch, int64_t layer_input);

}  // namespace rnn4j

#endif  // RNN4J_LAYER_PRIMITIVES_HPP
