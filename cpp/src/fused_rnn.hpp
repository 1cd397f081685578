// Fixed-length execution: every layer (all its directions) as one fused oneDNN primitive call.
#ifndef RNN4J_FUSED_RNN_HPP
#define RNN4J_FUSED_RNN_HPP

#include <map>
#include <tuple>
#include <vector>

#include "kernel_support.hpp"
#include "layer_primitives.hpp"

namespace rnn4j {

class FusedRnn {
public:
    explicit FusedRnn(const RnnDesc& desc) : desc_(desc), dims_(desc) {}

    int64_t workspace_bytes(int64_t steps, int64_t batch);
    void forward(int propagation, const RnnData& d);
    void backward(int mode, const RnnData& d);
    int64_t cached_primitives() const;

private:
    /** Where one layer's pieces live inside the caller's training workspace (byte offsets). */
    struct LayerWorkspace {
        int64_t onednn = 0, state = 0, cell_state = 0, output = -1;
    };

    const LayerPrimitives& primitives(int propagation, int64_t steps, int64_t batch, int64_t layer);
    std::vector<LayerWorkspace> plan(int64_t steps, int64_t batch, int64_t* total_bytes);
    void add_weights(std::unordered_map<int, dnnl::memory>& args, int64_t layer, int propagation,
                     const dnnl::primitive_desc& pd, const LayerLayouts& plain, const RnnData& d);
    void add_gradients(std::unordered_map<int, dnnl::memory>& args, int64_t layer, const dnnl::primitive_desc& pd,
                       const LayerLayouts& plain, const RnnData& d, int mode);

    RnnDesc desc_;
    RnnDims dims_;
    std::map<std::tuple<int, int64_t, int64_t, int64_t>, LayerPrimitives> primitives_;  // (prop, T, N, I_l)
    WeightLayouts weights_;
    GradientBinder gradients_;
    Scratch zeros_;  // only ever bound as an input: stays all zeros
    Scratch states_, cell_states_, outputs_[2], layer_gradients_[2], input_gradients_, state_gradients_,
        cell_state_gradients_;
};

/** Offsets of layer l's blocks in the concatenated weight buffers (elements). */
struct WeightOffsets {
    int64_t layer, iter, bias, peephole, projection;
    WeightOffsets(const RnnDims& dims, int64_t l);
};

}  // namespace rnn4j

#endif  // RNN4J_FUSED_RNN_HPP
