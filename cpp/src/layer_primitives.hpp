// Builds oneDNN's fused RNN primitives for one layer (all its directions) of an RnnDesc.
#ifndef RNN4J_LAYER_PRIMITIVES_HPP
#define RNN4J_LAYER_PRIMITIVES_HPP

#include <oneapi/dnnl/dnnl.hpp>

#include <cstdint>
#include <tuple>

#include "lru_cache.hpp"
#include "rnn4j.h"

namespace rnn4j {

/** Widths derived once from an RnnDesc. */
struct RnnDims {
    int64_t layers, directions, gates, bias_gates, input, hidden, state, output;
    bool lstm;
    explicit RnnDims(const RnnDesc& desc);
    int64_t layer_input(int64_t layer) const { return layer == 0 ? input : output; }
};

/** The shape of one primitive call: `layers` stacked layers whose input is `input` wide. */
struct LayerShape {
    int64_t steps, batch, input, layers;
};

/** Primitives of one layer group for one (propagation, shape). */
struct LayerPrimitives {
    dnnl::primitive_desc forward_pd;
    dnnl::primitive forward;
    dnnl::primitive_desc backward_pd;  // empty unless built for training
    dnnl::primitive backward;
};

/** Which executor built a cached entry: the same shape means different primitives in each. */
enum Executor { EXECUTOR_FUSED = 0, EXECUTOR_PACKED = 1 };

/** A kernel's primitives by (executor, propagation, T, N, input width, layers), bounded (least recently used out). */
using PrimitiveCache = LruCache<std::tuple<int, int, int64_t, int64_t, int64_t, int64_t>, LayerPrimitives>;

/** Primitives an entry holds: the forward, and the backward of a training entry. */
inline int64_t primitive_count(const LayerPrimitives& p) { return p.backward ? 2 : 1; }

/**
 * Creates the forward (and for training also backward) primitive of a group of stacked layers run as
 * one fused call: src_layer [T, N, input] → dst_layer [T, N, O], states [layers, D, N, S].
 * Weights and projection are created with format "any": query the chosen layouts.
 */
LayerPrimitives make_layer_primitives(const RnnDesc& desc, const RnnDims& dims, int propagation,
                                      const LayerShape& shape);

/** The plain (caller) layouts of a layer group's tensors, as memory descriptors (Lg = shape.layers). */
struct LayerLayouts {
    dnnl::memory::desc src_layer, dst_layer;                 // [T, N, I_l] and [T, N, O], tnc
    dnnl::memory::desc state, cell_state;                    // [Lg, D, N, S] and [Lg, D, N, H], ldnc
    dnnl::memory::desc weights_layer, weights_iter;          // [Lg, D, I_l, G, H] and [Lg, D, S, G, H], ldigo
    dnnl::memory::desc peephole, projection, bias;           // [Lg, D, 3, H] ldgo, [Lg, D, H, P] ldio, [Lg, D, Gb, H] ldgo
};

LayerLayouts layer_layouts(const RnnDims& dims, const LayerShape& shape);

}  // namespace rnn4j

#endif  // RNN4J_LAYER_PRIMITIVES_HPP
