// Variable-length execution: exact packed-sequence semantics on fused oneDNN primitives. Each layer
// and direction runs as a chain of left-to-right calls over time segments with a shrinking batch,
// every call starting from the previous call's final state; right-to-left directions run on each
// sequence reversed within its own length. Where no final cell state is wanted the cuts are coarse
// (packing.hpp): a segment also runs the steps past the ends of the sequences ending inside it, on zero
// input and with zero output gradient, which changes no real step's value or gradient (the direction
// is left to right); h_n is then read from the output at each sequence's last step and dL/dh_n added to
// the output gradient there.
#ifndef RNN4J_PACKED_RNN_HPP
#define RNN4J_PACKED_RNN_HPP

#include <map>
#include <tuple>
#include <vector>

#include "data_edges.hpp"
#include "kernel_support.hpp"
#include "layer_primitives.hpp"
#include "packing.hpp"
#include "scratchpad.hpp"
#include "state_pool.hpp"

namespace rnn4j {

class PackedRnn {
public:
    /** Builds its primitives into (and takes them from) the kernel's cache. */
    PackedRnn(const RnnDesc& desc, PrimitiveCache& primitives);

    int64_t workspace_bytes(int64_t steps, int64_t batch, const int32_t* lengths, int final_states);
    void forward(int propagation, const RnnData& d);
    void backward(int mode, const RnnData& d);

private:
    struct DirectionPlan {
        int64_t input = -1;                  // [rows, I_l] the direction's (reversed) input; -1 = the layer input
        int64_t output = 0;                  // [rows, S] in the direction's own time order
        int64_t h0 = 0, c0 = 0;              // [N, S], [N, H] initial states, sorted order
        std::vector<int64_t> onednn, state, cell_state;  // per segment
    };
    struct LayerPlan {
        int64_t input = 0;                   // [rows, I_l] packed layer input
        std::vector<DirectionPlan> directions;
    };
    struct Plan {
        std::vector<LayerPlan> layers;
        int64_t bytes = 0;
    };

    /** Coarse cuts unless an LSTM's final cell state is wanted. */
    bool coarse(int final_states) const;
    Packing packing(const RnnData& d) const;
    static uint64_t workspace_tag(const Packing& packing);
    Plan plan(const Packing& packing, bool training);
    std::shared_ptr<const LayerPrimitives> primitives(int propagation, const Packing::Segment& s, int64_t layer_input);
    bool reversed(int64_t direction) const;
    void bind_weights(std::unordered_map<int, dnnl::memory>& args, int64_t l, int64_t dir, int propagation,
                      const dnnl::primitive_desc& pd, const LayerLayouts& plain, const RnnData& d);
    void bind_gradients(std::unordered_map<int, dnnl::memory>& args, int64_t l, int64_t dir,
                        const dnnl::primitive_desc& pd, const LayerLayouts& plain, const RnnData& d, int mode);
    /** Whether every segment's backward takes the weight gradients in one layout. */
    bool same_gradient_layouts(const std::vector<std::shared_ptr<const LayerPrimitives>>& held) const;
    void combine(const Packing& packing, const float* forward_out, const float* reverse_out, float* out);

    RnnDesc desc_;
    RnnDims dims_;
    RnnDesc unidirectional_;
    SegmentCost cost_;
    /** The scratch buffers of one call (each concurrent call has its own). */
    struct Buffers {
        std::vector<char> inference_arena;  // an inference forward's plan, in place of the caller's workspace
        Scratch zeros, unreversed, packed_output, output_gradient, direction_gradient, direction_input_gradient,
            input_gradient, state_gradient[2], cell_gradient[2], final_gradient, final_cell_gradient;
        Scratchpad scratchpad;  // oneDNN's, for every primitive the call runs
        DataEdges edges;        // bf16 copies of the call's f32 data (nothing in f32)
    };

    PrimitiveCache& primitives_;  // one-layer unidirectional primitives by segment (T, N) and I_l
    WeightLayouts weights_;
    GradientBinder gradients_;  // training only: training calls never overlap (RnnKernel refuses it)
    StatePool<Buffers> buffers_;
};

}  // namespace rnn4j

#endif  // RNN4J_PACKED_RNN_HPP
