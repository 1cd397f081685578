// A bounded, thread-safe cache of immutable values (oneDNN primitives) keyed by shape: the least
// recently used entry is evicted once the cache holds `capacity` entries. Values are handed out as
// shared pointers, so an entry evicted while another thread still runs it stays alive until that
// call ends.
#ifndef RNN4J_LRU_CACHE_HPP
#define RNN4J_LRU_CACHE_HPP

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace rnn4j {

template <typename Key, typename Value>
class LruCache {
public:
    explicit LruCache(int64_t capacity) : capacity_(capacity) {}

    /**
     * The value cached under key, else build() cached under it. build runs without the lock (two
     * threads missing the same key at once both build; the first insert wins, the other value is dropped).
     */
    template <typename Build>
    std::shared_ptr<const Value> get(const Key& key, Build&& build) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto found = index_.find(key);
            if (found != index_.end()) {
                order_.splice(order_.begin(), order_, found->second);  // now the most recently used
                return found->second->second;
            }
        }
        std::shared_ptr<const Value> built = std::make_shared<const Value>(build());
        std::lock_guard<std::mutex> lock(mutex_);
        auto found = index_.find(key);
        if (found != index_.end()) {
            return found->second->second;
        }
        order_.emplace_front(key, built);
        index_.emplace(key, order_.begin());
        evict_beyond(capacity_);
        return built;
    }

    /** Bounds the cache to capacity entries (>= 1), evicting the least recently used beyond it. */
    void set_capacity(int64_t capacity) {
        std::lock_guard<std::mutex> lock(mutex_);
        capacity_ = capacity;
        evict_beyond(capacity_);
    }

    int64_t capacity() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return capacity_;
    }

    int64_t size() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return static_cast<int64_t>(order_.size());
    }

    /** Entries evicted since the cache was made. */
    int64_t evictions() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return evictions_;
    }

    /** The sum of weigh(value) over the cached values (e.g. how many primitives each holds). */
    template <typename Weigh>
    int64_t sum(Weigh&& weigh) const {
        std::lock_guard<std::mutex> lock(mutex_);
        int64_t total = 0;
        for (const auto& entry : order_) {
            total += weigh(*entry.second);
        }
        return total;
    }

private:
    void evict_beyond(int64_t capacity) {
        while (static_cast<int64_t>(order_.size()) > capacity) {
            index_.erase(order_.back().first);
            order_.pop_back();
            ++evictions_;
        }
    }

    mutable std::mutex mutex_;
    int64_t capacity_;
    int64_t evictions_ = 0;
    std::list<std::pair<Key, std::shared_ptr<const Value>>> order_;  // most recently used first
    std::map<Key, typename std::list<std::pair<Key, std::shared_ptr<const Value>>>::iterator> index_;
};

}  // namespace rnn4j

#endif  // RNN4J_LRU_CACHE_HPP
