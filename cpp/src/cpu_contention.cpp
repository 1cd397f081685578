#include "cpu_contention.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

namespace rnn4j {

namespace {

/** Runnable tasks right now (the first number of /proc/loadavg's fourth field), or -1. */
int runnable_tasks() {
#if defined(__linux__)
    std::FILE* f = std::fopen("/proc/loadavg", "r");
    if (f == nullptr) {
        return -1;
    }
    double a, b, c;
    int running = -1, total = 0;
    const int read = std::fscanf(f, "%lf %lf %lf %d/%d", &a, &b, &c, &running, &total);
    std::fclose(f);
    return read == 5 ? running : -1;
#else
    return -1;
#endif
}

std::mutex mutex;
int64_t next_reading_ns = 0;
int chosen = 0;     // 0: not chosen yet
int candidate = 0;  // what the last reading asked for

int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

int contention_threads(int cores, int team) {
    std::lock_guard<std::mutex> lock(mutex);
    if (chosen == 0 || chosen > cores) {
        chosen = cores;
    }
    const int64_t now = now_ns();
    if (now < next_reading_ns) {
        return chosen;
    }
    next_reading_ns = now + 50'000'000;
    const int runnable = runnable_tasks();
    if (runnable < 0) {
        return chosen = cores;
    }
    // The calling thread is runnable, and so may be the rest of the team (spinning after the last execution).
    const int others = std::max(0, runnable - std::max(1, team));
    const int wanted = std::clamp(cores - others, 1, cores);
    if (wanted == candidate) {
        chosen = wanted;  // two readings in a row agree
    }
    candidate = wanted;
    return chosen;
}

}  // namespace rnn4j
