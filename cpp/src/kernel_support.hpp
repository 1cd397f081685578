// Pieces shared by the fixed-length and the variable-length executors: buffers, the cache of
// weights in the layouts primitives ask for, and the binding of weight gradients.
#ifndef RNN4J_KERNEL_SUPPORT_HPP
#define RNN4J_KERNEL_SUPPORT_HPP

#include <oneapi/dnnl/dnnl.hpp>

#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <tuple>
#include <vector>

#include "rnn4j.h"
#include "runtime.hpp"
#include "scratchpad.hpp"

namespace rnn4j {

constexpr int64_t kAlignment = 64;

inline int64_t align_up(int64_t bytes) { return (bytes + kAlignment - 1) / kAlignment * kAlignment; }

inline float* at(void* base, int64_t byte_offset) {
    return reinterpret_cast<float*>(static_cast<char*>(base) + byte_offset);
}

inline dnnl::memory wrap(const dnnl::memory::desc& md, const void* data) {
    return dnnl::memory(md, cpu_engine(), const_cast<void*>(data));
}

/** Grow-only float buffer owned by a kernel; contents are undefined except where noted. */
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

/** Weight tensors, as cache keys and execution arguments. */
enum Role { WEIGHTS_LAYER, WEIGHTS_ITER, WEIGHTS_PROJECTION, WEIGHTS_PEEPHOLE, BIAS };

int weights_arg(Role role);
int diff_weights_arg(Role role);

/**
 * Weights re-laid-out into the layout a primitive asked for, refreshed only when their version changes.
 * Thread-safe: a refresh reorders into a new buffer (under the lock) and never into one a concurrent
 * call may still be reading; that call keeps the previous buffer alive through its dnnl::memory.
 */
class WeightLayouts {
public:
    /** The weights as the primitive wants them: the caller's memory when layouts agree, else a cached copy. */
    dnnl::memory get(int64_t slot, int propagation, Role role, const dnnl::memory::desc& plain, const float* source,
                     const dnnl::primitive_desc& pd, int64_t version);

private:
    struct Copy {
        dnnl::memory::desc layout;
        dnnl::memory memory;
        dnnl::reorder::primitive_desc reorder_pd;
        dnnl::reorder reorder;
        const void* source = nullptr;
        int64_t version = -1;
    };
    std::mutex mutex_;
    std::map<std::tuple<int64_t, int, int>, Copy> copies_;
};

/**
 * Binds weight gradients for a backward primitive: the caller's buffer when the primitive's layout is
 * the plain one (zeroed first for GRADIENTS_OVERWRITE), else a zeroed kernel buffer that flush()
 * reorders into the caller's buffer (with a sum post-op for GRADIENTS_ACCUMULATE).
 */
class GradientBinder {
public:
    dnnl::memory bind(int64_t slot, Role role, const dnnl::memory::desc& plain, float* target,
                      const dnnl::primitive_desc& pd, int mode);
    /** Enqueues the pending reorders on the stream (call after the backward primitive), with the call's scratchpad. */
    void flush(dnnl::stream& stream, Scratchpad& scratchpad);

private:
    struct Pending {
        dnnl::memory from, to;
        int64_t slot;
        Role role;
        int mode;
    };
    using Reorder = std::pair<dnnl::reorder::primitive_desc, dnnl::reorder>;
    const Reorder& reorder_for(const Pending& p);
    std::map<std::tuple<int64_t, int>, dnnl::memory> copies_;
    std::map<std::tuple<int64_t, int, int>, Reorder> reorders_;
    std::vector<Pending> pending_;
};

}  // namespace rnn4j

#endif  // RNN4J_KERNEL_SUPPORT_HPP
