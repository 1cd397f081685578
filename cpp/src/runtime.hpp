// The process-wide oneDNN engine, stream and thread setting.
#ifndef RNN4J_RUNTIME_HPP
#define RNN4J_RUNTIME_HPP

#include <oneapi/dnnl/dnnl.hpp>

#include <string>
#include <unordered_map>

namespace rnn4j {

dnnl::engine& cpu_engine();

/** A stream for the calling thread, with the configured thread count applied to it. */
dnnl::stream& thread_stream();

/**
 * Executes a primitive on the calling thread's stream and waits for it (CPU primitives run
 * synchronously), adding its duration to the process-wide count primitive_nanoseconds() reports.
 */
void execute(const dnnl::primitive& primitive, dnnl::stream& stream, const std::unordered_map<int, dnnl::memory>& args);

/** Runs a oneDNN call, turning dnnl::error into OnednnFailure that names what was being done. */
template <typename Call>
auto onednn(const std::string& what, Call&& call) -> decltype(call());

std::string status_name(dnnl_status_t status);

}  // namespace rnn4j

#include "errors.hpp"

namespace rnn4j {

template <typename Call>
auto onednn(const std::string& what, Call&& call) -> decltype(call()) {
    try {
        return call();
    } catch (const dnnl::error& e) {
        throw OnednnFailure(concat(what, ": status ", status_name(e.status), " (", e.what(), ")"));
    }
}

}  // namespace rnn4j

#endif  // RNN4J_RUNTIME_HPP
