// RnnKernel: runs an RnnDesc layer by layer on cached oneDNN primitives.
#include <cstring>
#include <map>
#include <tuple>
#include <vector>

#include "layer_primitives.hpp"
#include "rnn4j.h"
#include "runtime.hpp"
#include "validation.hpp"

namespace rnn4j {

using dnnl::memory;

namespace {

constexpr int64_t kAlignment = 64;

int64_t align_up(int64_t bytes) { return (bytes + kAlignment - 1) / kAlignment * kAlignment; }

float* at(void* base, int64_t byte_offset) { return reinterpret_cast<float*>(static_cast<char*>(base) + byte_offset); }

memory wrap(const memory::desc& md, const void* data) {
    return memory(md, cpu_engine(), const_cast<void*>(data));
}

/** Grow-only float buffer owned by the kernel. */
class Scratch {
public:
    float* get(int64_t count) {
        if (static_cast<int64_t>(data_.size()) < count) {
            data_.assign(static_cast<size_t>(count), 0.0f);
        }
        return data_.data();
    }

private:
    std::vector<float> data_;
};

/** Where one layer's pieces live inside the caller's training workspace (byte offsets). */
struct LayerWorkspace {
    int64_t onednn = 0, state = 0, cell_state = 0, output = -1;
};

/** One weight tensor in a primitive's preferred layout, re-reordered only when its version changes. */
struct LayoutCopy {
    memory::desc layout;
    memory copy;
    dnnl::reorder reorder;
    const void* source = nullptr;
    int64_t version = -1;
};

/** Tensor roles used as cache keys. */
enum Role { WEIGHTS_LAYER, WEIGHTS_ITER, WEIGHTS_PROJECTION, WEIGHTS_PEEPHOLE, BIAS };

int weights_arg(Role role) {
    switch (role) {
        case WEIGHTS_LAYER: return DNNL_ARG_WEIGHTS_LAYER;
        case WEIGHTS_ITER: return DNNL_ARG_WEIGHTS_ITER;
        case WEIGHTS_PROJECTION: return DNNL_ARG_WEIGHTS_PROJECTION;
        case WEIGHTS_PEEPHOLE: return DNNL_ARG_WEIGHTS_PEEPHOLE;
        default: return DNNL_ARG_BIAS;
    }
}

int diff_weights_arg(Role role) {
    switch (role) {
        case WEIGHTS_LAYER: return DNNL_ARG_DIFF_WEIGHTS_LAYER;
        case WEIGHTS_ITER: return DNNL_ARG_DIFF_WEIGHTS_ITER;
        case WEIGHTS_PROJECTION: return DNNL_ARG_DIFF_WEIGHTS_PROJECTION;
        case WEIGHTS_PEEPHOLE: return DNNL_ARG_DIFF_WEIGHTS_PEEPHOLE;
        default: return DNNL_ARG_DIFF_BIAS;
    }
}

}  // namespace

struct RnnKernel::Impl {
    RnnDesc desc;
    RnnDims dims;
    std::map<std::tuple<int, int64_t, int64_t, int64_t>, LayerPrimitives> primitives;  // (prop, T, N, I_l)
    std::map<std::tuple<int64_t, int, int>, LayoutCopy> layout_copies;             // (layer, prop, role)
    std::map<std::tuple<int64_t, int>, memory> gradient_copies;                     // (layer, role)
    std::map<std::tuple<int64_t, int, int>, dnnl::reorder> gradient_reorders;       // (layer, role, accumulate)
    Scratch zeros;  // only ever bound as input: stays all zeros
    Scratch states, cell_states, outputs[2], gradients[2], input_gradients, state_gradients,
        cell_state_gradients;

    explicit Impl(const RnnDesc& d) : desc(d), dims((validate_desc(d), d)) {}

    const LayerPrimitives& layer_primitives(int propagation, int64_t steps, int64_t batch, int64_t layer) {
        const int64_t input = dims.layer_input(layer);
        auto key = std::make_tuple(propagation, steps, batch, input);
        auto found = primitives.find(key);
        if (found != primitives.end()) {
            return found->second;
        }
        return primitives.emplace(key, make_layer_primitives(desc, dims, propagation, steps, batch, input))
            .first->second;
    }

    std::vector<LayerWorkspace> plan(int64_t steps, int64_t batch, int64_t* total_bytes) {
        std::vector<LayerWorkspace> layers(static_cast<size_t>(dims.layers));
        int64_t offset = 0;
        for (int64_t l = 0; l < dims.layers; ++l) {
            const LayerPrimitives& p = layer_primitives(PROPAGATION_TRAINING, steps, batch, l);
            LayerWorkspace& w = layers[static_cast<size_t>(l)];
            w.onednn = offset;
            offset = align_up(offset + static_cast<int64_t>(p.forward_pd.workspace_desc().get_size()));
            w.state = offset;
            offset = align_up(offset + 4 * dims.directions * batch * dims.state);
            w.cell_state = offset;
            offset = align_up(offset + (dims.lstm ? 4 * dims.directions * batch * dims.hidden : 0));
            if (l + 1 < dims.layers) {
                w.output = offset;
                offset = align_up(offset + 4 * steps * batch * dims.output);
            }
        }
        *total_bytes = offset;
        return layers;
    }

    int64_t weights_layer_offset(int64_t layer) const {
        const int64_t per_first = dims.directions * dims.input * dims.gates * dims.hidden;
        const int64_t per_other = dims.directions * dims.output * dims.gates * dims.hidden;
        return layer == 0 ? 0 : per_first + (layer - 1) * per_other;
    }

    /** The layer's weights in the layout the primitive asked for (a cached copy unless it is the caller's). */
    memory weights(int64_t layer, int propagation, Role role, const memory::desc& plain, const float* source,
                   const dnnl::primitive_desc& pd, int64_t version) {
        const memory::desc wanted = pd.query_md(dnnl::query::exec_arg_md, weights_arg(role));
        if (wanted == plain) {
            return wrap(plain, source);
        }
        LayoutCopy& c = layout_copies[std::make_tuple(layer, propagation, static_cast<int>(role))];
        if (!c.copy || c.layout != wanted) {
            c.layout = wanted;
            c.copy = memory(wanted, cpu_engine());
            c.reorder = dnnl::reorder(dnnl::reorder::primitive_desc(cpu_engine(), plain, cpu_engine(), wanted));
            c.version = -1;
        }
        if (c.source != source || c.version != version) {
            memory from = wrap(plain, source);
            c.reorder.execute(thread_stream(), from, c.copy);
            thread_stream().wait();
            c.source = source;
            c.version = version;
        }
        return c.copy;
    }

    void forward(int propagation, const RnnData& d) {
        validate_forward(desc, propagation, d);
        const bool training = propagation == PROPAGATION_TRAINING;
        const int64_t T = d.steps, N = d.batch, D = dims.directions;
        int64_t ws_bytes = 0;
        std::vector<LayerWorkspace> ws = training ? plan(T, N, &ws_bytes) : std::vector<LayerWorkspace>();
        check_workspace(d, ws_bytes);
        const float* zero = zeros.get(D * N * dims.hidden);  // initial states when none are given (S <= H)
        const float* layer_input = d.src_layer;
        for (int64_t l = 0; l < dims.layers; ++l) {
            const bool last = l + 1 == dims.layers;
            const LayerPrimitives& p = layer_primitives(propagation, T, N, l);
            const LayerLayouts plain = layer_layouts(desc, dims, T, N, dims.layer_input(l));
            const int64_t so = l * D * N * dims.state, co = l * D * N * dims.hidden;
            float* layer_output = last ? d.dst_layer
                                  : training ? at(d.workspace, ws[l].output)
                                             : outputs[l % 2].get(T * N * dims.output);
            float* state_out = training ? at(d.workspace, ws[l].state)
                               : d.dst_iter ? d.dst_iter + so
                                            : states.get(D * N * dims.state);
            float* cell_out = training ? at(d.workspace, ws[l].cell_state)
                              : d.dst_iter_c ? d.dst_iter_c + co
                                             : cell_states.get(D * N * dims.hidden);
            std::unordered_map<int, memory> args;
            args[DNNL_ARG_SRC_LAYER] = wrap(plain.src_layer, layer_input);
            args[DNNL_ARG_SRC_ITER] = wrap(plain.state, d.src_iter ? d.src_iter + so : zero);
            args[DNNL_ARG_DST_LAYER] = wrap(plain.dst_layer, layer_output);
            args[DNNL_ARG_DST_ITER] = wrap(plain.state, state_out);
            add_weights(args, l, propagation, p.forward_pd, plain, d);
            if (dims.lstm) {
                args[DNNL_ARG_SRC_ITER_C] =
                    wrap(plain.cell_state, d.src_iter_c ? d.src_iter_c + co : zero);
                args[DNNL_ARG_DST_ITER_C] = wrap(plain.cell_state, cell_out);
            }
            if (training) {
                args[DNNL_ARG_WORKSPACE] = wrap(p.forward_pd.workspace_desc(), at(d.workspace, ws[l].onednn));
            }
            onednn(concat("running the forward primitive of layer ", l), [&] {
                p.forward.execute(thread_stream(), args);
                thread_stream().wait();
            });
            if (training && d.dst_iter) {
                std::memcpy(d.dst_iter + so, state_out, sizeof(float) * D * N * dims.state);
            }
            if (training && d.dst_iter_c) {
                std::memcpy(d.dst_iter_c + co, cell_out, sizeof(float) * D * N * dims.hidden);
            }
            layer_input = layer_output;
        }
    }

    void add_weights(std::unordered_map<int, memory>& args, int64_t l, int propagation, const dnnl::primitive_desc& pd,
                     const LayerLayouts& plain, const RnnData& d) {
        const int64_t D = dims.directions;
        const int64_t v = d.weights_version;
        args[DNNL_ARG_WEIGHTS_LAYER] = weights(l, propagation, WEIGHTS_LAYER, plain.weights_layer,
                                               d.weights_layer + weights_layer_offset(l), pd, v);
        args[DNNL_ARG_WEIGHTS_ITER] = weights(l, propagation, WEIGHTS_ITER, plain.weights_iter,
                                              d.weights_iter + l * D * dims.state * dims.gates * dims.hidden, pd, v);
        args[DNNL_ARG_BIAS] = wrap(plain.bias, d.bias + l * D * dims.bias_gates * dims.hidden);
        if (desc.peephole) {
            args[DNNL_ARG_WEIGHTS_PEEPHOLE] = wrap(plain.peephole, d.weights_peephole + l * D * 3 * dims.hidden);
        }
        if (desc.projection_size > 0) {
            args[DNNL_ARG_WEIGHTS_PROJECTION] =
                weights(l, propagation, WEIGHTS_PROJECTION, plain.projection,
                        d.weights_projection + l * D * dims.hidden * dims.state, pd, v);
        }
    }

    /** Binds a weight gradient: the caller's buffer when layouts agree, else a kernel copy reordered after. */
    memory gradient(int64_t l, Role role, const memory::desc& plain, float* target, const dnnl::primitive_desc& pd,
                    int mode, std::vector<std::tuple<memory, memory, int64_t, Role>>* pending) {
        const memory::desc chosen = pd.query_md(dnnl::query::exec_arg_md, diff_weights_arg(role));
        if (target && chosen == plain) {
            if (mode == GRADIENTS_OVERWRITE) {
                std::memset(target, 0, plain.get_size());
            }
            return wrap(plain, target);
        }
        memory& copy = gradient_copies[std::make_tuple(l, static_cast<int>(role))];
        if (!copy || copy.get_desc() != chosen) {
            copy = memory(chosen, cpu_engine());
        }
        std::memset(copy.get_data_handle(), 0, chosen.get_size());
        if (target) {
            pending->emplace_back(copy, wrap(plain, target), l, role);
        }
        return copy;
    }

    void backward(int mode, const RnnData& d) {
        validate_backward(desc, mode, d);
        const int64_t T = d.steps, N = d.batch, D = dims.directions;
        int64_t ws_bytes = 0;
        std::vector<LayerWorkspace> ws = plan(T, N, &ws_bytes);
        check_workspace(d, ws_bytes);
        const float* zero = zeros.get(D * N * dims.hidden);  // missing states and state gradients (S <= H)
        const float* diff_output = d.diff_dst_layer;
        for (int64_t l = dims.layers - 1; l >= 0; --l) {
            const bool last = l + 1 == dims.layers;
            const LayerPrimitives& p = layer_primitives(PROPAGATION_TRAINING, T, N, l);
            const dnnl::primitive_desc& pd = p.backward_pd;
            const LayerLayouts plain = layer_layouts(desc, dims, T, N, dims.layer_input(l));
            const int64_t so = l * D * N * dims.state, co = l * D * N * dims.hidden;
            const float* layer_input = l == 0 ? d.src_layer : at(d.workspace, ws[l - 1].output);
            const float* layer_output = last ? d.dst_layer : at(d.workspace, ws[l].output);
            float* diff_input = l > 0 ? gradients[l % 2].get(T * N * dims.output)
                                : d.diff_src_layer ? d.diff_src_layer
                                                   : input_gradients.get(T * N * dims.input);
            std::unordered_map<int, memory> args;
            args[DNNL_ARG_SRC_LAYER] = wrap(plain.src_layer, layer_input);
            args[DNNL_ARG_SRC_ITER] = wrap(plain.state, d.src_iter ? d.src_iter + so : zero);
            args[DNNL_ARG_DST_LAYER] = wrap(plain.dst_layer, layer_output);
            args[DNNL_ARG_DST_ITER] = wrap(plain.state, at(d.workspace, ws[l].state));
            args[DNNL_ARG_WORKSPACE] = wrap(p.forward_pd.workspace_desc(), at(d.workspace, ws[l].onednn));
            add_weights(args, l, -1, pd, plain, d);
            args[DNNL_ARG_DIFF_SRC_LAYER] = wrap(plain.src_layer, diff_input);
            args[DNNL_ARG_DIFF_SRC_ITER] = wrap(plain.state, d.diff_src_iter ? d.diff_src_iter + so
                                                                             : state_gradients.get(D * N * dims.state));
            args[DNNL_ARG_DIFF_DST_LAYER] = wrap(plain.dst_layer, diff_output);
            args[DNNL_ARG_DIFF_DST_ITER] =
                wrap(plain.state, d.diff_dst_iter ? d.diff_dst_iter + so : zero);
            if (dims.lstm) {
                args[DNNL_ARG_SRC_ITER_C] =
                    wrap(plain.cell_state, d.src_iter_c ? d.src_iter_c + co : zero);
                args[DNNL_ARG_DST_ITER_C] = wrap(plain.cell_state, at(d.workspace, ws[l].cell_state));
                args[DNNL_ARG_DIFF_SRC_ITER_C] =
                    wrap(plain.cell_state, d.diff_src_iter_c ? d.diff_src_iter_c + co
                                                             : cell_state_gradients.get(D * N * dims.hidden));
                args[DNNL_ARG_DIFF_DST_ITER_C] =
                    wrap(plain.cell_state, d.diff_dst_iter_c ? d.diff_dst_iter_c + co : zero);
            }
            std::vector<std::tuple<memory, memory, int64_t, Role>> pending;
            args[DNNL_ARG_DIFF_WEIGHTS_LAYER] =
                gradient(l, WEIGHTS_LAYER, plain.weights_layer,
                         d.diff_weights_layer ? d.diff_weights_layer + weights_layer_offset(l) : nullptr, pd, mode,
                         &pending);
            args[DNNL_ARG_DIFF_WEIGHTS_ITER] = gradient(
                l, WEIGHTS_ITER, plain.weights_iter,
                d.diff_weights_iter ? d.diff_weights_iter + l * D * dims.state * dims.gates * dims.hidden : nullptr,
                pd, mode, &pending);
            args[DNNL_ARG_DIFF_BIAS] = gradient(
                l, BIAS, plain.bias, d.diff_bias ? d.diff_bias + l * D * dims.bias_gates * dims.hidden : nullptr, pd,
                mode, &pending);
            if (desc.peephole) {
                args[DNNL_ARG_DIFF_WEIGHTS_PEEPHOLE] = gradient(
                    l, WEIGHTS_PEEPHOLE, plain.peephole,
                    d.diff_weights_peephole ? d.diff_weights_peephole + l * D * 3 * dims.hidden : nullptr, pd, mode,
                    &pending);
            }
            if (desc.projection_size > 0) {
                args[DNNL_ARG_DIFF_WEIGHTS_PROJECTION] = gradient(
                    l, WEIGHTS_PROJECTION, plain.projection,
                    d.diff_weights_projection ? d.diff_weights_projection + l * D * dims.hidden * dims.state
                                              : nullptr,
                    pd, mode, &pending);
            }
            onednn(concat("running the backward primitive of layer ", l), [&] {
                p.backward.execute(thread_stream(), args);
                for (auto& [from, to, layer, role] : pending) {
                    gradient_reorder(layer, role, from, to, mode).execute(thread_stream(), from, to);
                }
                thread_stream().wait();
            });
            diff_output = diff_input;
        }
    }

    dnnl::reorder& gradient_reorder(int64_t l, Role role, const memory& from, const memory& to, int mode) {
        auto key = std::make_tuple(l, static_cast<int>(role), mode);
        auto found = gradient_reorders.find(key);
        if (found != gradient_reorders.end()) {
            return found->second;
        }
        dnnl::primitive_attr attr;
        if (mode == GRADIENTS_ACCUMULATE) {
            dnnl::post_ops sum;
            sum.append_sum(1.0f);
            attr.set_post_ops(sum);
        }
        dnnl::reorder::primitive_desc pd(cpu_engine(), from.get_desc(), cpu_engine(), to.get_desc(), attr);
        return gradient_reorders.emplace(key, dnnl::reorder(pd)).first->second;
    }
};

RnnKernel::RnnKernel(const RnnDesc& desc) : impl_(new Impl(desc)) {}

RnnKernel::~RnnKernel() { delete impl_; }

int64_t RnnKernel::workspace_bytes(int64_t steps, int64_t batch) {
    check_arg(steps > 0, "steps must be > 0, got ", steps);
    check_arg(batch > 0, "batch must be > 0, got ", batch);
    int64_t bytes = 0;
    impl_->plan(steps, batch, &bytes);
    return bytes;
}

void RnnKernel::forward(int propagation, const RnnData& data) { impl_->forward(propagation, data); }

void RnnKernel::backward(int gradient_mode, const RnnData& data) { impl_->backward(gradient_mode, data); }

int64_t RnnKernel::cached_primitives() {
    int64_t count = 0;
    for (const auto& entry : impl_->primitives) {
        count += entry.second.backward ? 2 : 1;
    }
    return count;
}

}  // namespace rnn4j
