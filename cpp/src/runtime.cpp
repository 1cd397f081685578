#include "runtime.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>

#include "cpu_contention.hpp"
#include "rnn4j.h"

extern "C" {
void omp_set_num_threads(int n);
int omp_get_max_threads(void);
int omp_get_num_procs(void);
}

namespace rnn4j {

namespace {
std::atomic<int> requested_threads{0};  // 0 = oneDNN's default (all cores)
std::atomic<int64_t> primitive_ns{0};   // time spent in oneDNN primitives, every calling thread
}

void execute(const dnnl::primitive& primitive, dnnl::stream& stream, const std::unordered_map<int, dnnl::memory>& args) {
    // Primitives are created with the full thread count (their per-thread scratch sized for it); an
    // execution may use fewer where other processes want the cores (contention_threads), never more.
    const int full = omp_get_max_threads();
    static thread_local int team = 0;  // threads of this caller's last execution
    const int threads = requested_threads.load() > 0 ? full : contention_threads(full, team);
    team = threads;
    if (threads != full) {
        omp_set_num_threads(threads);
    }
    const auto start = std::chrono::steady_clock::now();
    try {
        primitive.execute(stream, args);
        stream.wait();
    } catch (...) {
        if (threads != full) {
            omp_set_num_threads(full);
        }
        throw;
    }
    if (threads != full) {
        omp_set_num_threads(full);
    }
    primitive_ns.fetch_add(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count(),
        std::memory_order_relaxed);
}

int64_t primitive_nanoseconds() { return primitive_ns.load(std::memory_order_relaxed); }

dnnl::engine& cpu_engine() {
    static dnnl::engine engine = onednn("creating the CPU engine", [] { return dnnl::engine(dnnl::engine::kind::cpu, 0); });
    return engine;
}

dnnl::stream& thread_stream() {
    thread_local dnnl::stream stream = onednn("creating a stream", [] { return dnnl::stream(cpu_engine()); });
    // OpenMP keeps the thread count per calling thread: apply the process-wide setting to this one.
    int wanted = requested_threads.load();
    if (wanted <= 0) {
        wanted = omp_get_num_procs();
    }
    if (omp_get_max_threads() != wanted) {
        omp_set_num_threads(wanted);
    }
    return stream;
}

std::string status_name(dnnl_status_t status) {
    switch (status) {
        case dnnl_success: return "success";
        case dnnl_out_of_memory: return "out_of_memory";
        case dnnl_invalid_arguments: return "invalid_arguments";
        case dnnl_unimplemented: return "unimplemented";
        case dnnl_last_impl_reached: return "last_impl_reached";
        case dnnl_runtime_error: return "runtime_error";
        case dnnl_not_required: return "not_required";
        default: return concat("status_", static_cast<int>(status));
    }
}

void set_num_threads(int n) {
    check_arg(n <= MAX_THREADS, "thread count must be <= ", static_cast<int>(MAX_THREADS), " (or <= 0 for one per core), got ", n);
    requested_threads.store(n > 0 ? n : 0);
}

int num_threads() {
    int wanted = requested_threads.load();
    return wanted > 0 ? wanted : omp_get_num_procs();
}

void set_onednn_primitive_cache_capacity(int entries) {
    check_arg(entries >= 0, "oneDNN primitive cache capacity must be >= 0, got ", entries);
    onednn("setting oneDNN's primitive cache capacity", [&] { dnnl::set_primitive_cache_capacity(entries); });
}

int onednn_primitive_cache_capacity() {
    return onednn("querying oneDNN's primitive cache capacity", [] { return dnnl::get_primitive_cache_capacity(); });
}

const char* onednn_version() {
    static std::string text = [] {
        const dnnl_version_t* v = dnnl_version();
        return concat(v->major, ".", v->minor, ".", v->patch);
    }();
    return text.c_str();
}

}  // namespace rnn4j
