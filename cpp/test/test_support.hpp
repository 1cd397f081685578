// What every C++ test executable shares: failure counting, expectations, seeded data and the main
// loop that runs one test by name (CTest passes it) or all of them.
#ifndef RNN4J_TEST_SUPPORT_HPP
#define RNN4J_TEST_SUPPORT_HPP

#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace rnn4j_test {

inline int failures = 0;

inline void expect(bool condition, const std::string& what) {
    if (!condition) {
        std::printf("FAILED: %s\n", what.c_str());
        ++failures;
    }
}

/** The call throws std::invalid_argument whose message contains needle. */
inline void expect_invalid(const std::function<void()>& call, const std::string& needle) {
    try {
        call();
        expect(false, "expected std::invalid_argument mentioning '" + needle + "'");
    } catch (const std::invalid_argument& e) {
        expect(std::string(e.what()).find(needle) != std::string::npos,
               "message '" + std::string(e.what()) + "' mentions '" + needle + "'");
    }
}

/** size values uniform in [-scale, scale), seeded. */
inline std::vector<float> random_vector(size_t size, unsigned seed, float scale = 0.5f) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> dist(-scale, scale);
    std::vector<float> v(size);
    for (auto& e : v) e = dist(gen);
    return v;
}

using Tests = std::map<std::string, std::function<void()>>;

/**
 * Runs the test named argv[1] (or every test), printing one line each (with note() appended when
 * given); exit code 0 when nothing failed.
 */
inline int run_tests(int argc, char** argv, const Tests& tests, const std::function<std::string()>& note = {}) {
    for (const auto& entry : tests) {
        if (argc > 1 && entry.first != argv[1]) continue;
        try {
            entry.second();
        } catch (const std::exception& e) {
            std::printf("FAILED: %s threw %s\n", entry.first.c_str(), e.what());
            ++failures;
        }
        std::printf("%s: %s%s\n", entry.first.c_str(), failures ? "failed" : "passed", note ? note().c_str() : "");
    }
    return failures == 0 ? 0 : 1;
}

}  // namespace rnn4j_test

#endif  // RNN4J_TEST_SUPPORT_HPP
