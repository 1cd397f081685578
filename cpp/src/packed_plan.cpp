// PackedRnn's planning and binding: the cuts a call runs, where its pieces live in the workspace, the
// primitives by segment shape, weights and weight gradients bound per layer and direction.
#include <algorithm>

#include "fused_rnn.hpp"
#include "packed_rnn.hpp"

namespace rnn4j {

using dnnl::memory;

bool PackedRnn::reversed(int64_t direction) const {
    return direction == 1 || desc_.direction == DIRECTION_RIGHT_TO_LEFT;
}

std::shared_ptr<const LayerPrimitives> PackedRnn::primitives(int propagation, const Packing::Segment& s,
                                                             int64_t layer_input) {
    const auto key = std::make_tuple(int{EXECUTOR_PACKED}, propagation, s.steps, s.batch, layer_input, int64_t{1});
    return primitives_.get(key, [&] {
        RnnDesc one = unidirectional_;
        one.input_size = layer_input;
        return make_layer_primitives(one, RnnDims(one), propagation, LayerShape{s.steps, s.batch, layer_input, 1});
    });
}

bool PackedRnn::coarse(int final_states) const { return !dims_.lstm || final_states == FINAL_STATES_NONE; }

Packing PackedRnn::packing(const RnnData& d) const {
    if (coarse(d.final_states)) {
        return Packing(d.lengths, d.steps, d.batch, cost_);
    }
    return Packing(d.lengths, d.steps, d.batch);
}

uint64_t PackedRnn::workspace_tag(const Packing& packing) {
    return 0x524E4E34504B0000ULL | (packing.padded ? 2u : 1u);  // "RNN4PK" and the cuts
}

PackedRnn::Plan PackedRnn::plan(const Packing& packing, bool training) {
    Plan p;
    int64_t offset = kAlignment;  // the header: workspace_tag of the forward that wrote it
    auto take = [&](int64_t floats) {
        int64_t at = offset;
        offset = align_up(offset + 4 * floats);
        return at;
    };
    const int64_t N = packing.batch, S = dims_.state, H = dims_.hidden;
    for (int64_t l = 0; l < dims_.layers; ++l) {
        const int64_t input = dims_.layer_input(l);
        LayerPlan layer;
        layer.input = take(packing.rows * input);
        for (int64_t dir = 0; dir < dims_.directions; ++dir) {
            DirectionPlan dp;
            if (reversed(dir)) {
                dp.input = take(packing.rows * input);
            }
            dp.output = take(packing.rows * S);
            dp.h0 = take(N * S);
            dp.c0 = take(dims_.lstm ? N * H : 0);
            for (const Packing::Segment& s : packing.segments) {
                int64_t ws = 0;
                if (training) {
                    ws = static_cast<int64_t>(primitives(PROPAGATION_TRAINING, s, input)->forward_pd.workspace_desc().get_size());
                }
                dp.onednn.push_back(offset);
                offset = align_up(offset + ws);
                dp.state.push_back(take(s.batch * S));
                dp.cell_state.push_back(take(dims_.lstm ? s.batch * H : 0));
            }
            layer.directions.push_back(dp);
        }
        p.layers.push_back(layer);
    }
    p.bytes = offset;
    return p;
}

int64_t PackedRnn::workspace_bytes(int64_t steps, int64_t batch, const int32_t* lengths, int final_states) {
    RnnData d;
    d.steps = steps;
    d.batch = batch;
    d.lengths = lengths;
    d.final_states = final_states;
    return plan(packing(d), true).bytes;
}

void PackedRnn::bind_weights(std::unordered_map<int, memory>& args, int64_t l, int64_t dir, int propagation,
                             const dnnl::primitive_desc& pd, const LayerLayouts& plain, const RnnData& d) {
    const WeightOffsets o(dims_, l);
    const int64_t G = dims_.gates, H = dims_.hidden, S = dims_.state, slot = 2 * l + dir;
    const int64_t v = d.weights_version;
    args[DNNL_ARG_WEIGHTS_LAYER] = weights_.get(slot, propagation, WEIGHTS_LAYER, plain.weights_layer,
                                                d.weights_layer + o.layer + dir * dims_.layer_input(l) * G * H, pd, v);
    args[DNNL_ARG_WEIGHTS_ITER] = weights_.get(slot, propagation, WEIGHTS_ITER, plain.weights_iter,
                                               d.weights_iter + o.iter + dir * S * G * H, pd, v);
    args[DNNL_ARG_BIAS] = wrap(plain.bias, d.bias + o.bias + dir * dims_.bias_gates * H);
    if (desc_.peephole) {
        args[DNNL_ARG_WEIGHTS_PEEPHOLE] = wrap(plain.peephole, d.weights_peephole + o.peephole + dir * 3 * H);
    }
    if (desc_.projection_size > 0) {
        args[DNNL_ARG_WEIGHTS_PROJECTION] = weights_.get(slot, propagation, WEIGHTS_PROJECTION, plain.projection,
                                                         d.weights_projection + o.projection + dir * H * S, pd, v);
    }
}

void PackedRnn::bind_gradients(std::unordered_map<int, memory>& args, int64_t l, int64_t dir,
                               const dnnl::primitive_desc& pd, const LayerLayouts& plain, const RnnData& d, int mode) {
    const WeightOffsets o(dims_, l);
    const int64_t G = dims_.gates, H = dims_.hidden, S = dims_.state, slot = 2 * l + dir;
    auto offset = [](float* base, int64_t off) { return base ? base + off : nullptr; };
    args[DNNL_ARG_DIFF_WEIGHTS_LAYER] = gradients_.bind(
        slot, WEIGHTS_LAYER, plain.weights_layer,
        offset(d.diff_weights_layer, o.layer + dir * dims_.layer_input(l) * G * H), pd, mode);
    args[DNNL_ARG_DIFF_WEIGHTS_ITER] = gradients_.bind(
        slot, WEIGHTS_ITER, plain.weights_iter, offset(d.diff_weights_iter, o.iter + dir * S * G * H), pd, mode);
    args[DNNL_ARG_DIFF_BIAS] = gradients_.bind(slot, BIAS, plain.bias,
                                               offset(d.diff_bias, o.bias + dir * dims_.bias_gates * H), pd, mode);
    if (desc_.peephole) {
        args[DNNL_ARG_DIFF_WEIGHTS_PEEPHOLE] =
            gradients_.bind(slot, WEIGHTS_PEEPHOLE, plain.peephole,
                            offset(d.diff_weights_peephole, o.peephole + dir * 3 * H), pd, mode);
    }
    if (desc_.projection_size > 0) {
        args[DNNL_ARG_DIFF_WEIGHTS_PROJECTION] =
            gradients_.bind(slot, WEIGHTS_PROJECTION, plain.projection,
                            offset(d.diff_weights_projection, o.projection + dir * H * S), pd, mode);
    }
}

bool PackedRnn::same_gradient_layouts(const std::vector<std::shared_ptr<const LayerPrimitives>>& held) const {
    std::vector<Role> roles{WEIGHTS_LAYER, WEIGHTS_ITER, BIAS};
    if (desc_.peephole) {
        roles.push_back(WEIGHTS_PEEPHOLE);
    }
    if (desc_.projection_size > 0) {
        roles.push_back(WEIGHTS_PROJECTION);
    }
    for (Role role : roles) {
        const memory::desc first = held.front()->backward_pd.query_md(dnnl::query::exec_arg_md, diff_weights_arg(role));
        for (const auto& p : held) {
            if (p->backward_pd.query_md(dnnl::query::exec_arg_md, diff_weights_arg(role)) != first) {
                return false;
            }
        }
    }
    return true;
}

void PackedRnn::combine(const Packing& packing, const float* forward_out, const float* reverse_out, float* out) {
    const int64_t S = dims_.state, rows = packing.rows;
    if (dims_.directions == 1) {
        std::copy(forward_out, forward_out + rows * S, out);
        return;
    }
    for (int64_t r = 0; r < rows; ++r) {
        if (desc_.direction == DIRECTION_BIDIRECTIONAL_CONCAT) {
            std::copy(forward_out + r * S, forward_out + (r + 1) * S, out + r * 2 * S);
            std::copy(reverse_out + r * S, reverse_out + (r + 1) * S, out + r * 2 * S + S);
        } else {
            for (int64_t j = 0; j < S; ++j) {
                out[r * S + j] = forward_out[r * S + j] + reverse_out[r * S + j];
            }
        }
    }
}

}  // namespace rnn4j
