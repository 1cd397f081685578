// Runs a primitive on the caller's f32 buffers when it computes in another data type (bf16): the
// arguments whose memory descriptor differs from the one the primitive asks for are reordered into
// per-call scratch first (inputs) or back into the caller's buffer after (outputs). With f32
// primitives every descriptor matches and the primitive runs on the caller's memory directly.
#ifndef RNN4J_DATA_EDGES_HPP
#define RNN4J_DATA_EDGES_HPP

#include <oneapi/dnnl/dnnl.hpp>

#include <unordered_map>
#include <vector>

#include "scratchpad.hpp"

namespace rnn4j {

/** One call's converted arguments (each concurrent call has its own DataEdges). */
class DataEdges {
public:
    /**
     * Executes `primitive` (made from `pd`) with `args` on `stream`, converting mismatched arguments:
     * destination tensors of a forward and diff_src tensors are outputs, every other argument an input.
     * args must already hold the primitive's scratchpad; the caller waits on the stream.
     */
    void execute(const dnnl::primitive& primitive, const dnnl::primitive_desc& pd,
                 std::unordered_map<int, dnnl::memory>& args, dnnl::stream& stream);

private:
    struct Reorder {
        dnnl::memory::desc from, to;
        dnnl::reorder::primitive_desc pd;
        dnnl::reorder primitive;
    };
    void reorder(const dnnl::memory& from, const dnnl::memory& to, dnnl::stream& stream);

    static constexpr size_t kMaxReorders = 64;  // a bound on the kept reorders (packed calls vary in shape)
    std::vector<char> arena_;
    Scratchpad scratchpad_;
    std::vector<Reorder> reorders_;
};

}  // namespace rnn4j

#endif  // RNN4J_DATA_EDGES_HPP
