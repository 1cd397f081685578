// Caller-managed oneDNN scratchpads. oneDNN's default (library) scratchpad is shared by every
// primitive made on a thread, so a primitive run on another thread than the one that made it races
// with that thread's own calls (the SIGSEGV of one engine shared by several threads). Every primitive
// rnn4j builds asks for a user scratchpad instead, and each call passes its own.
#ifndef RNN4J_SCRATCHPAD_HPP
#define RNN4J_SCRATCHPAD_HPP

#include <oneapi/dnnl/dnnl.hpp>

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "runtime.hpp"

namespace rnn4j {

/** Attributes for a primitive run from any thread: scratchpad passed by the caller (DNNL_ARG_SCRATCHPAD). */
inline dnnl::primitive_attr user_scratchpad(dnnl::primitive_attr attr = dnnl::primitive_attr()) {
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    return attr;
}

/** A grow-only, 64-byte aligned buffer one call at a time lends to the primitives it runs. */
class Scratchpad {
public:
    /** Adds the scratchpad pd asks for (none when it asks for 0 bytes) to args. */
    void bind(const dnnl::primitive_desc_base& pd, std::unordered_map<int, dnnl::memory>& args) {
        const dnnl::memory::desc md = pd.scratchpad_desc();
        const size_t bytes = md.get_size();
        if (bytes == 0) {
            return;
        }
        if (data_.size() < bytes + kAlign) {
            data_.assign(bytes + kAlign, 0);
        }
        const uintptr_t base = reinterpret_cast<uintptr_t>(data_.data());
        void* aligned = reinterpret_cast<void*>((base + kAlign - 1) / kAlign * kAlign);
        args[DNNL_ARG_SCRATCHPAD] = dnnl::memory(md, cpu_engine(), aligned);
    }

private:
    static constexpr uintptr_t kAlign = 64;
    std::vector<char> data_;
};

}  // namespace rnn4j

#endif  // RNN4J_SCRATCHPAD_HPP
