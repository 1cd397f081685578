// Per-call execution state for kernels that many threads may call at once.
#ifndef RNN4J_STATE_POOL_HPP
#define RNN4J_STATE_POOL_HPP

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace rnn4j {

/**
 * Per-call execution state (scratch buffers) lent to one call at a time: concurrent calls each get
 * their own, and a returned state is kept for the next call, so a kernel holds at most one per call
 * that ever ran at the same time as others.
 */
template <typename State>
class StatePool {
public:
    /** A state on loan to the current call; gives it back when destroyed. */
    class Lease {
    public:
        Lease(StatePool& pool, std::unique_ptr<State> state) : pool_(pool), state_(std::move(state)) {}
        ~Lease() { pool_.give_back(std::move(state_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        State& operator*() { return *state_; }
        State* operator->() { return state_.get(); }

    private:
        StatePool& pool_;
        std::unique_ptr<State> state_;
    };

    Lease acquire() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (idle_.empty()) {
            return Lease(*this, std::make_unique<State>());
        }
        std::unique_ptr<State> state = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(state));
    }

private:
    void give_back(std::unique_ptr<State> state) {
        std::lock_guard<std::mutex> lock(mutex_);
        idle_.push_back(std::move(state));
    }

    std::mutex mutex_;
    std::vector<std::unique_ptr<State>> idle_;
};

}  // namespace rnn4j

#endif  // RNN4J_STATE_POOL_HPP
