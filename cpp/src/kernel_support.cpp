#include "kernel_support.hpp"

namespace rnn4j {

using dnnl::memory;

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

memory WeightLayouts::get(int64_t slot, int propagation, Role role, const memory::desc& plain, const float* source,
                          const dnnl::primitive_desc& pd, int64_t version) {
    const memory::desc wanted = pd.query_md(dnnl::query::exec_arg_md, weights_arg(role));
    if (wanted == plain) {
        return wrap(plain, source);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    Copy& c = copies_[std::make_tuple(slot, propagation, static_cast<int>(role))];
    if (!c.memory || c.layout != wanted) {
        c.layout = wanted;
        c.reorder_pd = dnnl::reorder::primitive_desc(cpu_engine(), plain, cpu_engine(), wanted, user_scratchpad());
        c.reorder = dnnl::reorder(c.reorder_pd);
        c.source = nullptr;
        c.version = -1;
    }
    if (c.source != source || c.version != version) {
        memory fresh(wanted, cpu_engine());  // never the buffer a concurrent call may be reading
        std::unordered_map<int, memory> args{{DNNL_ARG_FROM, wrap(plain, source)}, {DNNL_ARG_TO, fresh}};
        Scratchpad scratchpad;  // refreshes are rare (a new weights version): no buffer kept
        scratchpad.bind(c.reorder_pd, args);
        execute(c.reorder, thread_stream(), args);
        c.memory = fresh;
        c.source = source;
        c.version = version;
    }
    return c.memory;
}

memory GradientBinder::bind(int64_t slot, Role role, const memory::desc& plain, float* target,
                            const dnnl::primitive_desc& pd, int mode) {
    const memory::desc chosen = pd.query_md(dnnl::query::exec_arg_md, diff_weights_arg(role));
    if (target && chosen == plain) {
        if (mode == GRADIENTS_OVERWRITE) {
            std::memset(target, 0, plain.get_size());
        }
        return wrap(plain, target);
    }
    memory& copy = copies_[std::make_tuple(slot, static_cast<int>(role))];
    if (!copy || copy.get_desc() != chosen) {
        copy = memory(chosen, cpu_engine());
    }
    std::memset(copy.get_data_handle(), 0, chosen.get_size());
    if (target) {
        pending_.push_back(Pending{copy, wrap(plain, target), slot, role, mode});
    }
    return copy;
}

void GradientBinder::flush(dnnl::stream& stream, Scratchpad& scratchpad) {
    for (Pending& p : pending_) {
        const auto& [pd, reorder] = reorder_for(p);
        std::unordered_map<int, memory> args{{DNNL_ARG_FROM, p.from}, {DNNL_ARG_TO, p.to}};
        scratchpad.bind(pd, args);
        execute(reorder, stream, args);
    }
    pending_.clear();
}

const GradientBinder::Reorder& GradientBinder::reorder_for(const Pending& p) {
    auto key = std::make_tuple(p.slot, static_cast<int>(p.role), p.mode);
    auto found = reorders_.find(key);
    if (found != reorders_.end()) {
        return found->second;
    }
    dnnl::primitive_attr attr;
    if (p.mode == GRADIENTS_ACCUMULATE) {
        dnnl::post_ops sum;
        sum.append_sum(1.0f);
        attr.set_post_ops(sum);
    }
    dnnl::reorder::primitive_desc pd(cpu_engine(), p.from.get_desc(), cpu_engine(), p.to.get_desc(),
                                     user_scratchpad(attr));
    return reorders_.emplace(key, std::make_pair(pd, dnnl::reorder(pd))).first->second;
}

}  // namespace rnn4j
