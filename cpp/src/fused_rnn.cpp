#include "fused_rnn.hpp"

#include "dropout_mask.hpp"
#include "validation.hpp"

namespace rnn4j {

using dnnl::memory;

WeightOffsets::WeightOffsets(const RnnDims& dims, int64_t l) {
    const int64_t D = dims.directions, G = dims.gates, H = dims.hidden;
    layer = l == 0 ? 0 : D * dims.input * G * H + (l - 1) * D * dims.output * G * H;
    iter = l * D * dims.state * G * H;
    bias = l * D * dims.bias_gates * H;
    peephole = l * D * 3 * H;
    projection = l * D * H * dims.state;
}

FusedRnn::FusedRnn(const RnnDesc& desc, PrimitiveCache& primitives)
    : desc_(desc), dims_(desc), primitives_(primitives) {
    // oneDNN stacks a bidirectional network per direction (layer l + 1 of a direction reads only that
    // direction's layer l), not PyTorch's way (both directions combined between layers): bidirectional
    // stacks run one layer per call. Unidirectional stacks fuse every layer of equal input width.
    if (dims_.directions == 2 || desc_.dropout > 0.0f) {
        for (int64_t l = 0; l < dims_.layers; ++l) {
            groups_.push_back(Group{l, 1});
        }
    } else if (dims_.input == dims_.output || dims_.layers == 1) {
        groups_.push_back(Group{0, dims_.layers});
    } else {
        groups_.push_back(Group{0, 1});
        groups_.push_back(Group{1, dims_.layers - 1});
    }
}

LayerShape FusedRnn::shape(const Group& g, int64_t steps, int64_t batch) const {
    return LayerShape{steps, batch, dims_.layer_input(g.first), g.count};
}

std::shared_ptr<const LayerPrimitives> FusedRnn::primitives(int propagation, const LayerShape& s) {
    return primitives_.get(std::make_tuple(int{EXECUTOR_FUSED}, propagation, s.steps, s.batch, s.input, s.layers),
                           [&] { return make_layer_primitives(desc_, dims_, propagation, s); });
}

std::vector<FusedRnn::GroupWorkspace> FusedRnn::plan(int64_t steps, int64_t batch, int64_t* total_bytes) {
    std::vector<GroupWorkspace> groups(groups_.size());
    int64_t offset = 0;
    for (size_t g = 0; g < groups_.size(); ++g) {
        const LayerPrimitives& p = *primitives(PROPAGATION_TRAINING, shape(groups_[g], steps, batch));
        const int64_t Lg = groups_[g].count;
        GroupWorkspace& w = groups[g];
        w.onednn = offset;
        offset = align_up(offset + static_cast<int64_t>(p.forward_pd.workspace_desc().get_size()));
        w.state = offset;
        offset = align_up(offset + 4 * Lg * dims_.directions * batch * dims_.state);
        w.cell_state = offset;
        offset = align_up(offset + (dims_.lstm ? 4 * Lg * dims_.directions * batch * dims_.hidden : 0));
        if (g + 1 < groups_.size()) {
            w.output = offset;
            offset = align_up(offset + 4 * steps * batch * dims_.output);
            if (desc_.dropout > 0.0f) {
                w.dropped = offset;
                offset = align_up(offset + 4 * steps * batch * dims_.output);
            }
        }
    }
    *total_bytes = offset;
    return groups;
}

int64_t FusedRnn::workspace_bytes(int64_t steps, int64_t batch) {
    int64_t bytes = 0;
    plan(steps, batch, &bytes);
    return bytes;
}

void FusedRnn::add_weights(std::unordered_map<int, memory>& args, const Group& g, int propagation,
                           const dnnl::primitive_desc& pd, const LayerLayouts& plain, const RnnData& d) {
    const WeightOffsets o(dims_, g.first);
    const int64_t v = d.weights_version, slot = g.first;
    args[DNNL_ARG_WEIGHTS_LAYER] =
        weights_.get(slot, propagation, WEIGHTS_LAYER, plain.weights_layer, d.weights_layer + o.layer, pd, v);
    args[DNNL_ARG_WEIGHTS_ITER] =
        weights_.get(slot, propagation, WEIGHTS_ITER, plain.weights_iter, d.weights_iter + o.iter, pd, v);
    args[DNNL_ARG_BIAS] = wrap(plain.bias, d.bias + o.bias);
    if (desc_.peephole) {
        args[DNNL_ARG_WEIGHTS_PEEPHOLE] = wrap(plain.peephole, d.weights_peephole + o.peephole);
    }
    if (desc_.projection_size > 0) {
        args[DNNL_ARG_WEIGHTS_PROJECTION] = weights_.get(slot, propagation, WEIGHTS_PROJECTION, plain.projection,
                                                         d.weights_projection + o.projection, pd, v);
    }
}

void FusedRnn::add_gradients(std::unordered_map<int, memory>& args, const Group& g, const dnnl::primitive_desc& pd,
                             const LayerLayouts& plain, const RnnData& d, int mode) {
    const WeightOffsets o(dims_, g.first);
    const int64_t slot = g.first;
    auto offset = [](float* base, int64_t off) { return base ? base + off : nullptr; };
    args[DNNL_ARG_DIFF_WEIGHTS_LAYER] =
        gradients_.bind(slot, WEIGHTS_LAYER, plain.weights_layer, offset(d.diff_weights_layer, o.layer), pd, mode);
    args[DNNL_ARG_DIFF_WEIGHTS_ITER] =
        gradients_.bind(slot, WEIGHTS_ITER, plain.weights_iter, offset(d.diff_weights_iter, o.iter), pd, mode);
    args[DNNL_ARG_DIFF_BIAS] = gradients_.bind(slot, BIAS, plain.bias, offset(d.diff_bias, o.bias), pd, mode);
    if (desc_.peephole) {
        args[DNNL_ARG_DIFF_WEIGHTS_PEEPHOLE] = gradients_.bind(
            slot, WEIGHTS_PEEPHOLE, plain.peephole, offset(d.diff_weights_peephole, o.peephole), pd, mode);
    }
    if (desc_.projection_size > 0) {
        args[DNNL_ARG_DIFF_WEIGHTS_PROJECTION] = gradients_.bind(
            slot, WEIGHTS_PROJECTION, plain.projection, offset(d.diff_weights_projection, o.projection), pd, mode);
    }
}

void FusedRnn::forward(int propagation, const RnnData& d) {
    const bool training = propagation == PROPAGATION_TRAINING;
    const int64_t T = d.steps, N = d.batch, D = dims_.directions, S = dims_.state, H = dims_.hidden;
    int64_t ws_bytes = 0;
    std::vector<GroupWorkspace> ws = training ? plan(T, N, &ws_bytes) : std::vector<GroupWorkspace>();
    check_workspace(d, ws_bytes);
    StatePool<Buffers>::Lease buffers = buffers_.acquire();
    const float* zero = buffers->zeros.get(dims_.layers * D * N * H);  // initial states when none are given (S <= H)
    const float* group_input = d.src_layer;
    for (size_t gi = 0; gi < groups_.size(); ++gi) {
        const Group& g = groups_[gi];
        const bool last = gi + 1 == groups_.size();
        const LayerShape sh = shape(g, T, N);
        const std::shared_ptr<const LayerPrimitives> held = primitives(propagation, sh);
        const LayerPrimitives& p = *held;
        const LayerLayouts plain = layer_layouts(dims_, sh);
        const int64_t so = g.first * D * N * S, co = g.first * D * N * H, Lg = g.count;
        float* group_output = last       ? d.dst_layer
                              : training ? at(d.workspace, ws[gi].output)
                                         : buffers->outputs[gi % 2].get(T * N * dims_.output);
        float* state_out = training    ? at(d.workspace, ws[gi].state)
                           : d.dst_iter ? d.dst_iter + so
                                        : buffers->states.get(Lg * D * N * S);
        float* cell_out = training       ? at(d.workspace, ws[gi].cell_state)
                          : d.dst_iter_c ? d.dst_iter_c + co
                                         : buffers->cell_states.get(Lg * D * N * H);
        std::unordered_map<int, memory> args;
        args[DNNL_ARG_SRC_LAYER] = wrap(plain.src_layer, group_input);
        args[DNNL_ARG_SRC_ITER] = wrap(plain.state, d.src_iter ? d.src_iter + so : zero);
        args[DNNL_ARG_DST_LAYER] = wrap(plain.dst_layer, group_output);
        args[DNNL_ARG_DST_ITER] = wrap(plain.state, state_out);
        add_weights(args, g, propagation, p.forward_pd, plain, d);
        if (dims_.lstm) {
            args[DNNL_ARG_SRC_ITER_C] = wrap(plain.cell_state, d.src_iter_c ? d.src_iter_c + co : zero);
            args[DNNL_ARG_DST_ITER_C] = wrap(plain.cell_state, cell_out);
        }
        if (training) {
            args[DNNL_ARG_WORKSPACE] = wrap(p.forward_pd.workspace_desc(), at(d.workspace, ws[gi].onednn));
        }
        onednn(concat("running the forward primitive of layers ", g.first, "..", g.first + Lg - 1), [&] {
            buffers->scratchpad.bind(p.forward_pd, args);
            buffers->edges.execute(p.forward, p.forward_pd, args, thread_stream());
            thread_stream().wait();
        });
        if (training && d.dst_iter) {
            std::memcpy(d.dst_iter + so, state_out, sizeof(float) * Lg * D * N * S);
        }
        if (training && d.dst_iter_c) {
            std::memcpy(d.dst_iter_c + co, cell_out, sizeof(float) * Lg * D * N * H);
        }
        group_input = group_output;
        if (training && ws[gi].dropped >= 0) {
            float* dropped = at(d.workspace, ws[gi].dropped);
            const int64_t count = T * N * dims_.output;
            DropoutMask::of_layer(desc_.dropout, d.dropout_seed, g.first).apply(count, group_output, dropped);
            group_input = dropped;
        }
    }
}

void FusedRnn::backward(int mode, const RnnData& d) {
    const int64_t T = d.steps, N = d.batch, D = dims_.directions, S = dims_.state, H = dims_.hidden;
    int64_t ws_bytes = 0;
    std::vector<GroupWorkspace> ws = plan(T, N, &ws_bytes);
    check_workspace(d, ws_bytes);
    StatePool<Buffers>::Lease buffers = buffers_.acquire();
    const float* zero = buffers->zeros.get(dims_.layers * D * N * H);  // missing states and state gradients (S <= H)
    const float* diff_output = d.diff_dst_layer;
    for (size_t gi = groups_.size(); gi-- > 0;) {
        const Group& g = groups_[gi];
        const bool last = gi + 1 == groups_.size();
        const LayerShape sh = shape(g, T, N);
        const std::shared_ptr<const LayerPrimitives> held = primitives(PROPAGATION_TRAINING, sh);
        const LayerPrimitives& p = *held;
        const LayerLayouts plain = layer_layouts(dims_, sh);
        const int64_t so = g.first * D * N * S, co = g.first * D * N * H, Lg = g.count;
        float* diff_input = gi > 0             ? buffers->layer_gradients[gi % 2].get(T * N * dims_.output)
                            : d.diff_src_layer ? d.diff_src_layer
                                               : buffers->input_gradients.get(T * N * dims_.input);
        std::unordered_map<int, memory> args;
        const float* group_input = gi == 0                  ? d.src_layer
                                   : ws[gi - 1].dropped >= 0 ? at(d.workspace, ws[gi - 1].dropped)
                                                             : at(d.workspace, ws[gi - 1].output);
        args[DNNL_ARG_SRC_LAYER] = wrap(plain.src_layer, group_input);
        args[DNNL_ARG_SRC_ITER] = wrap(plain.state, d.src_iter ? d.src_iter + so : zero);
        args[DNNL_ARG_DST_LAYER] = wrap(plain.dst_layer, last ? d.dst_layer : at(d.workspace, ws[gi].output));
        args[DNNL_ARG_DST_ITER] = wrap(plain.state, at(d.workspace, ws[gi].state));
        args[DNNL_ARG_WORKSPACE] = wrap(p.forward_pd.workspace_desc(), at(d.workspace, ws[gi].onednn));
        add_weights(args, g, -1, p.backward_pd, plain, d);
        args[DNNL_ARG_DIFF_SRC_LAYER] = wrap(plain.src_layer, diff_input);
        args[DNNL_ARG_DIFF_SRC_ITER] =
            wrap(plain.state, d.diff_src_iter ? d.diff_src_iter + so : buffers->state_gradients.get(Lg * D * N * S));
        args[DNNL_ARG_DIFF_DST_LAYER] = wrap(plain.dst_layer, diff_output);
        args[DNNL_ARG_DIFF_DST_ITER] = wrap(plain.state, d.diff_dst_iter ? d.diff_dst_iter + so : zero);
        if (dims_.lstm) {
            args[DNNL_ARG_SRC_ITER_C] = wrap(plain.cell_state, d.src_iter_c ? d.src_iter_c + co : zero);
            args[DNNL_ARG_DST_ITER_C] = wrap(plain.cell_state, at(d.workspace, ws[gi].cell_state));
            args[DNNL_ARG_DIFF_SRC_ITER_C] = wrap(
                plain.cell_state, d.diff_src_iter_c ? d.diff_src_iter_c + co : buffers->cell_state_gradients.get(Lg * D * N * H));
            args[DNNL_ARG_DIFF_DST_ITER_C] = wrap(plain.cell_state, d.diff_dst_iter_c ? d.diff_dst_iter_c + co : zero);
        }
        add_gradients(args, g, p.backward_pd, plain, d, mode);
        onednn(concat("running the backward primitive of layers ", g.first, "..", g.first + Lg - 1), [&] {
            buffers->scratchpad.bind(p.backward_pd, args);
            buffers->edges.execute(p.backward, p.backward_pd, args, thread_stream());
            gradients_.flush(thread_stream(), buffers->scratchpad);
            thread_stream().wait();
        });
        if (gi > 0 && ws[gi - 1].dropped >= 0) {  // through the previous layer's dropout
            const int64_t count = T * N * dims_.output, layer = groups_[gi - 1].first;
            DropoutMask::of_layer(desc_.dropout, d.dropout_seed, layer).apply(count, diff_input, diff_input);
        }
        diff_output = diff_input;
    }
}

}  // namespace rnn4j
