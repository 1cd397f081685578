// Fixed-length execution on fused oneDNN primitive calls. A unidirectional stack runs as one call
// when every layer takes the same input width, else one for the first layer and one for the rest; a
// bidirectional stack, or one with dropout between layers, runs one call per layer.
#ifndef RNN4J_FUSED_RNN_HPP
#define RNN4J_FUSED_RNN_HPP

#include <map>
#include <tuple>
#include <vector>

#include "data_edges.hpp"
#include "kernel_support.hpp"
#include "layer_primitives.hpp"
#include "scratchpad.hpp"
#include "state_pool.hpp"

namespace rnn4j {

class FusedRnn {
public:
    /** Builds its primitives into (and takes them from) the kernel's cache. */
    FusedRnn(const RnnDesc& desc, PrimitiveCache& primitives);

    int64_t workspace_bytes(int64_t steps, int64_t batch);
    void forward(int propagation, const RnnData& d);
    void backward(int mode, const RnnData& d);

private:
    /** Layers [first, first + count) run as one primitive call. */
    struct Group {
        int64_t first, count;
    };
    /** Where one group's pieces live inside the caller's training workspace (byte offsets). */
    struct GroupWorkspace {
        int64_t onednn = 0, state = 0, cell_state = 0, output = -1, dropped = -1;
    };

    LayerShape shape(const Group& g, int64_t steps, int64_t batch) const;
    std::shared_ptr<const LayerPrimitives> primitives(int propagation, const LayerShape& shape);
    std::vector<GroupWorkspace> plan(int64_t steps, int64_t batch, int64_t* total_bytes);
    void add_weights(std::unordered_map<int, dnnl::memory>& args, const Group& g, int propagation,
                     const dnnl::primitive_desc& pd, const LayerLayouts& plain, const RnnData& d);
    void add_gradients(std::unordered_map<int, dnnl::memory>& args, const Group& g, const dnnl::primitive_desc& pd,
                       const LayerLayouts& plain, const RnnData& d, int mode);

    RnnDesc desc_;
    RnnDims dims_;
    std::vector<Group> groups_;
    /** The scratch buffers of one call (each concurrent call has its own). */
    struct Buffers {
        Scratch zeros;  // only ever bound as an input: stays all zeros
        Scratch states, cell_states, outputs[2], layer_gradients[2], input_gradients, state_gradients,
            cell_state_gradients;
        Scratchpad scratchpad;  // oneDNN's, for every primitive the call runs
        DataEdges edges;        // bf16 copies of the call's f32 data (nothing in f32)
    };

    PrimitiveCache& primitives_;
    WeightLayouts weights_;
    GradientBinder gradients_;  // training only: training calls never overlap (RnnKernel refuses it)
    StatePool<Buffers> buffers_;
};

/** Offsets of layer l's blocks in the concatenated weight buffers (elements). */
struct WeightOffsets {
    int64_t layer, iter, bias, peephole, projection;
    WeightOffsets(const RnnDims& dims, int64_t l);
};

}  // namespace rnn4j

#endif  // RNN4J_FUSED_RNN_HPP
