// Snapshots published by one writer and read by many (lib/router/snapshot_ring.h).

#include "lib/router/snapshot_ring.h"

#include <atomic>
#include <thread>
#include <vector>

#include "doctest/doctest.h"

namespace acd::router_internal {
namespace {

// Every field of a generation holds its version: a torn copy would mix two.
struct Generation {
  uint64_t version = 0;
  std::vector<uint64_t> fields;
};

TEST_CASE("a reader sees nothing before the first publication, then the latest") {
  SnapshotRing<Generation> ring;
  CHECK_FALSE(ring.Read().has_value());
  REQUIRE(ring.Publish([](Generation& g) { g.version = 1; }));
  REQUIRE(ring.Publish([](Generation& g) { g.version = 2; }));
  CHECK(ring.Read()->version == 2);
}

TEST_CASE("the writer skips a generation instead of waiting when readers hold every spare slot") {
  SnapshotRing<Generation, 2> ring;
  REQUIRE(ring.Publish([](Generation& g) { g.version = 1; }));
  bool nested = false;
  // While a reader is inside the current slot, publish twice: the first goes
  // to the spare slot; the second finds the only other slot occupied.
  ring.Visit([&](const Generation&) {
    CHECK(ring.Publish([](Generation& g) { g.version = 2; }));
    CHECK_FALSE(ring.Publish([](Generation& g) { g.version = 3; }));
    nested = true;
    return 0;
  });
  CHECK(nested);
  CHECK(ring.Read()->version == 2);
}

TEST_CASE("concurrent readers only ever copy whole generations, in increasing order") {
  SnapshotRing<Generation> ring;
  std::atomic<bool> done{false};
  std::atomic<int64_t> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      uint64_t last = 0;
      while (!done.load(std::memory_order_acquire)) {
        std::optional<Generation> g = ring.Read();
        if (!g) continue;
        REQUIRE(g->version >= last);
        last = g->version;
        for (uint64_t f : g->fields) REQUIRE(f == g->version);
        reads.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  uint64_t published = 0;
  for (uint64_t v = 1; v <= 20000 || reads.load(std::memory_order_relaxed) < 100; ++v) {
    if (ring.Publish([v](Generation& g) {
          g.version = v;
          g.fields.assign(16 + v % 16, v);
        })) {
      ++published;
    }
  }
  done.store(true, std::memory_order_release);
  for (std::thread& t : readers) t.join();
  CHECK(published > 0);
  CHECK(ring.Read()->version >= 1);
  CHECK(reads.load() > 0);
}

}  // namespace
}  // namespace acd::router_internal
