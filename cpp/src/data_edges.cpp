#include "data_edges.hpp"

#include <cstdint>

namespace rnn4j {

using dnnl::memory;

namespace {

constexpr size_t kAlign = 64;

bool is_output(int arg, bool backward) {
    switch (arg) {
        case DNNL_ARG_DST_LAYER:  // = DNNL_ARG_DST
        case DNNL_ARG_DST_ITER:
        case DNNL_ARG_DST_ITER_C: return !backward;  // a backward reads the forward's destinations
        case DNNL_ARG_DIFF_SRC_LAYER:
        case DNNL_ARG_DIFF_SRC_ITER:
        case DNNL_ARG_DIFF_SRC_ITER_C: return true;
        default: return false;
    }
}

}  // namespace

void DataEdges::execute(const dnnl::primitive& primitive, const dnnl::primitive_desc& pd,
                        std::unordered_map<int, memory>& args, dnnl::stream& stream) {
    struct Edge {
        int arg;
        memory user;
        memory::desc inner;
        bool output;
    };
    const dnnl::prop_kind kind = pd.get_prop_kind();  // undef for primitives without one (matmul): a forward
    const bool backward = kind == dnnl::prop_kind::backward || kind == dnnl::prop_kind::backward_data ||
                          kind == dnnl::prop_kind::backward_weights || kind == dnnl::prop_kind::backward_bias;
    std::vector<Edge> edges;
    size_t bytes = 0;
    for (const auto& [arg, user] : args) {
        if (arg == DNNL_ARG_SCRATCHPAD || arg == DNNL_ARG_WORKSPACE) {
            continue;
        }
        const memory::desc wanted = pd.query_md(dnnl::query::exec_arg_md, arg);
        if (wanted.is_zero() || wanted == user.get_desc()) {
            continue;
        }
        edges.push_back(Edge{arg, user, wanted, is_output(arg, backward)});
        bytes += (wanted.get_size() + kAlign - 1) / kAlign * kAlign;
    }
    if (edges.empty()) {
        rnn4j::execute(primitive, stream, args);
        return;
    }
    if (arena_.size() < bytes + kAlign) {
        arena_.assign(bytes + kAlign, 0);
    }
    uintptr_t next = (reinterpret_cast<uintptr_t>(arena_.data()) + kAlign - 1) / kAlign * kAlign;
    std::vector<memory> inner;
    for (const Edge& e : edges) {
        inner.emplace_back(e.inner, cpu_engine(), reinterpret_cast<void*>(next));
        next += (e.inner.get_size() + kAlign - 1) / kAlign * kAlign;
        if (!e.output) {
            reorder(e.user, inner.back(), stream);
        }
        args[e.arg] = inner.back();
    }
    rnn4j::execute(primitive, stream, args);
    for (size_t i = 0; i < edges.size(); ++i) {
        if (edges[i].output) {
            reorder(inner[i], edges[i].user, stream);
        }
        args[edges[i].arg] = edges[i].user;
    }
    stream.wait();  // the scratch behind `inner` is reused by the next call
}

void DataEdges::reorder(const memory& from, const memory& to, dnnl::stream& stream) {
    const memory::desc from_md = from.get_desc(), to_md = to.get_desc();
    const Reorder* found = nullptr;
    for (const Reorder& r : reorders_) {
        if (r.from == from_md && r.to == to_md) {
            found = &r;
            break;
        }
    }
    if (found == nullptr) {
        if (reorders_.size() >= kMaxReorders) {
            reorders_.clear();
        }
        dnnl::reorder::primitive_desc rpd(cpu_engine(), from_md, cpu_engine(), to_md, user_scratchpad());
        reorders_.push_back(Reorder{from_md, to_md, rpd, dnnl::reorder(rpd)});
        found = &reorders_.back();
    }
    std::unordered_map<int, memory> args{{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}};
    scratchpad_.bind(found->pd, args);
    rnn4j::execute(found->primitive, stream, args);
}

}  // namespace rnn4j
