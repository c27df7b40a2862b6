#include "bench/alloc_counter.h"

#include <malloc.h>

#include <cstdlib>
#include <new>

namespace {

// Plain integers: the benchmarks run on one thread.
int64_t allocations = 0;
int64_t live_bytes = 0;

void* Allocate(std::size_t n) {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  ++allocations;
  live_bytes += static_cast<int64_t>(malloc_usable_size(p));
  return p;
}

void Release(void* p) {
  if (p == nullptr) return;
  live_bytes -= static_cast<int64_t>(malloc_usable_size(p));
  std::free(p);
}

}  // namespace

void* operator new(std::size_t n) { return Allocate(n); }
void* operator new[](std::size_t n) { return Allocate(n); }
void operator delete(void* p) noexcept { Release(p); }
void operator delete[](void* p) noexcept { Release(p); }
void operator delete(void* p, std::size_t) noexcept { Release(p); }
void operator delete[](void* p, std::size_t) noexcept { Release(p); }

namespace acd::bench {

int64_t Allocations() { return allocations; }
int64_t LiveBytes() { return live_bytes; }

}  // namespace acd::bench
