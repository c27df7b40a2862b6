// Counts heap allocations and live heap bytes in the benchmark binary, by
// replacing the global operator new and delete (alloc_counter.cc). Single
// benchmarks read the counters before and after the code they measure.

#ifndef ACD_BENCH_ALLOC_COUNTER_H_
#define ACD_BENCH_ALLOC_COUNTER_H_

#include <cstdint>

namespace acd::bench {

// Allocations made since the program started.
int64_t Allocations();
// Bytes currently allocated (as malloc_usable_size reports them).
int64_t LiveBytes();

}  // namespace acd::bench

#endif  // ACD_BENCH_ALLOC_COUNTER_H_
