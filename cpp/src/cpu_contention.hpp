// How many threads a primitive execution should use when the caller has not fixed the count: all
// cores on a quiet machine, fewer while other processes want the CPU. A parallel RNN primitive meets
// its threads at a barrier every time step; with a core taken by another process the thread that
// waits for the descheduled one loses a scheduler slice per barrier (measured: a small LSTM training
// step 35x slower beside one busy loop on 2 cores with 2 threads; about 2x with 1 thread).
#ifndef RNN4J_CPU_CONTENTION_HPP
#define RNN4J_CPU_CONTENTION_HPP

namespace rnn4j {

/**
 * Threads for the next execution out of `cores`: cores minus the runnable threads of other processes
 * (Linux: /proc/loadavg's instantaneous count of runnable tasks, less the `team` this process runs),
 * read at most every 50 ms; a change needs two readings in a row. Elsewhere, or where it cannot be
 * read: cores.
 */
int contention_threads(int cores, int team);

}  // namespace rnn4j

#endif  // RNN4J_CPU_CONTENTION_HPP
