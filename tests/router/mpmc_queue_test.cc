// The bounded lock-free queue (lib/router/mpmc_queue.h).

#include "lib/router/mpmc_queue.h"

#include <atomic>
#include <thread>
#include <vector>

#include "doctest/doctest.h"

namespace acd::router_internal {
namespace {

TEST_CASE("the queue is first in, first out and rounds its capacity up to a power of two") {
  MpmcQueue<int> queue(5);
  CHECK(queue.capacity() == 8);
  for (int i = 0; i < 8; ++i) REQUIRE(queue.TryPush(int{i}) == PushResult::kOk);
  int v = -1;
  for (int i = 0; i < 8; ++i) {
    REQUIRE(queue.TryPop(v));
    CHECK(v == i);
  }
  CHECK_FALSE(queue.TryPop(v));
}

TEST_CASE("a full queue refuses a push and leaves the value with the caller") {
  MpmcQueue<std::vector<int>> queue(2);
  REQUIRE(queue.TryPush(std::vector<int>{1}) == PushResult::kOk);
  REQUIRE(queue.TryPush(std::vector<int>{2}) == PushResult::kOk);
  std::vector<int> third{3, 3, 3};
  CHECK(queue.TryPush(std::move(third)) == PushResult::kFull);
  CHECK(third.size() == 3);
  std::vector<int> out;
  REQUIRE(queue.TryPop(out));
  CHECK(queue.TryPush(std::move(third)) == PushResult::kOk);
  CHECK(queue.SizeEstimate() == 2);
}

TEST_CASE("a closed queue refuses pushes, keeps what it holds, and reports drained when empty") {
  MpmcQueue<int> queue(4);
  REQUIRE(queue.TryPush(1) == PushResult::kOk);
  queue.Close();
  CHECK(queue.closed());
  CHECK(queue.TryPush(2) == PushResult::kClosed);
  CHECK_FALSE(queue.Drained());
  int v = 0;
  REQUIRE(queue.TryPop(v));
  CHECK(v == 1);
  CHECK(queue.Drained());
}

TEST_CASE("concurrent producers and consumers lose, duplicate and reorder nothing per producer") {
  constexpr int kProducers = 3, kConsumers = 2, kEach = 20000;
  MpmcQueue<int> queue(64);
  std::vector<std::vector<int>> seen(kConsumers);
  std::vector<std::thread> threads;
  for (int p = 0; p < kProducers; ++p) {
    threads.emplace_back([&queue, p] {
      for (int i = 0; i < kEach; ++i) {
        int value = p * kEach + i;
        while (queue.TryPush(std::move(value)) != PushResult::kOk) std::this_thread::yield();
      }
    });
  }
  std::atomic<int> popped{0};
  for (int c = 0; c < kConsumers; ++c) {
    threads.emplace_back([&, c] {
      int v;
      while (popped.load(std::memory_order_relaxed) < kProducers * kEach) {
        if (queue.TryPop(v)) {
          seen[c].push_back(v);
          popped.fetch_add(1, std::memory_order_relaxed);
        } else {
          std::this_thread::yield();
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::vector<int> count(kProducers * kEach, 0);
  for (const std::vector<int>& values : seen) {
    std::vector<int> last(kProducers, -1);
    for (int v : values) {
      ++count[v];
      // Each consumer sees each producer's values in push order.
      CHECK(v > last[v / kEach]);
      last[v / kEach] = v;
    }
  }
  for (int n : count) REQUIRE(n == 1);
}

}  // namespace
}  // namespace acd::router_internal
