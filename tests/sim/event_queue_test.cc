#include "sim/event_queue.h"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

#include "doctest/doctest.h"

namespace acd::sim {
namespace {

std::vector<int> Drain(EventQueue<int>& q) {
  std::vector<int> order;
  while (!q.empty()) order.push_back(q.Pop().payload);
  return order;
}

TEST_CASE("events come out by time first") {
  EventQueue<int> q;
  q.Push(Time() + Seconds(3), 0, 3);
  q.Push(Time() + Seconds(1), 9, 1);
  q.Push(Time() + Seconds(2), 0, 2);
  CHECK(Drain(q) == std::vector<int>{1, 2, 3});
}

TEST_CASE("at equal times the lower priority value comes first") {
  EventQueue<int> q;
  q.Push(Time() + Seconds(1), 4, 40);
  q.Push(Time() + Seconds(1), 1, 10);
  q.Push(Time() + Seconds(1), 2, 20);
  CHECK(Drain(q) == std::vector<int>{10, 20, 40});
}

TEST_CASE("at equal time and priority events come out in insertion order") {
  EventQueue<int> q;
  for (int i = 0; i < 100; ++i) q.Push(Time() + Seconds(5), 1, i);
  std::vector<int> expected(100);
  for (int i = 0; i < 100; ++i) expected[i] = i;
  CHECK(Drain(q) == expected);
}

TEST_CASE("insertion order still breaks ties after interleaved pops") {
  EventQueue<int> q;
  q.Push(Time() + Seconds(1), 0, 0);
  q.Push(Time() + Seconds(2), 0, 1);
  CHECK(q.Pop().payload == 0);
  q.Push(Time() + Seconds(2), 0, 2);  // same key as 1, pushed later
  q.Push(Time() + Seconds(2), -1, 3);
  CHECK(Drain(q) == std::vector<int>{3, 1, 2});
}

TEST_CASE("a reserved place keeps its order when the event is pushed later") {
  EventQueue<int> q;
  const uint64_t early = q.Reserve();  // taken before 1 and 2 are pushed
  q.Push(Time() + Seconds(4), 0, 1);
  q.Push(Time() + Seconds(4), 0, 2);
  q.PushReserved(Time() + Seconds(4), 0, early, 0);
  CHECK(Drain(q) == std::vector<int>{0, 1, 2});
}

TEST_CASE("events pushed at the time of the last pop come out in order with the rest") {
  EventQueue<int> q;
  q.Push(Time() + Seconds(1), 0, 0);
  q.Push(Time() + Seconds(1), 3, 30);
  q.Push(Time() + Seconds(2), 0, 40);
  CHECK(q.Pop().payload == 0);         // now at 1 s
  q.Push(Time() + Seconds(1), 2, 20);  // before 30 (lower priority value)
  q.Push(Time() + Seconds(1), 5, 35);  // after 30
  q.Push(Time() + Seconds(1), 1, 10);  // before 20: not in pushing order
  CHECK(q.size() == 5);
  CHECK(q.top_time() == Time() + Seconds(1));
  CHECK(Drain(q) == std::vector<int>{10, 20, 30, 35, 40});
}

// Against a sorted list of (time, priority, sequence), over random pushes
// (many at the time of the last pop, some in reserved places) and pops.
TEST_CASE("random pushes and pops come out in (time, priority, sequence) order") {
  using Key = std::tuple<int64_t, int32_t, uint64_t>;
  EventQueue<int> q;
  std::vector<Key> expected;  // pending, as keys
  std::vector<std::pair<Key, int>> reserved;
  uint64_t x = 0x9E3779B97F4A7C15u, sequence = 0;
  const auto next = [&x](uint64_t n) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x % n;
  };
  int64_t now = 0;
  int payload = 0;
  for (int step = 0; step < 20000; ++step) {
    const uint64_t what = next(10);
    if (what < 4 || expected.empty()) {
      const int64_t time = next(3) == 0 ? now : now + static_cast<int64_t>(next(50));
      const auto priority = static_cast<int32_t>(next(5)) - 2;
      if (next(8) == 0) {  // reserve now, push a little later
        const uint64_t s = q.Reserve();
        CHECK(s == sequence++);
        reserved.push_back({Key{time, priority, s}, payload++});
        continue;
      }
      expected.emplace_back(time, priority, sequence++);
      q.Push(Time::FromMicroseconds(time), priority, payload++);
    } else if (what < 5 && !reserved.empty()) {
      const auto [key, p] = reserved.back();
      reserved.pop_back();
      if (std::get<0>(key) < now) continue;  // its time passed: never pushed
      expected.push_back(key);
      q.PushReserved(Time::FromMicroseconds(std::get<0>(key)), std::get<1>(key), std::get<2>(key),
                     p);
    } else {
      const auto least = std::min_element(expected.begin(), expected.end());
      const auto event = q.Pop();
      REQUIRE(Key{event.time.microseconds(), event.priority, event.sequence} == *least);
      now = event.time.microseconds();
      expected.erase(least);
    }
    REQUIRE(q.size() == expected.size());
  }
}

// Pop leaves its slot for the next Push to fill; whatever is asked first
// must see the queue without the popped event.
TEST_CASE("after a pop with nothing pushed since, the next event is the least left") {
  EventQueue<int> q;
  for (int i = 1; i <= 6; ++i) q.Push(Time() + Seconds(7 - i), 0, 7 - i);  // 6 s .. 1 s
  CHECK(q.Pop().payload == 1);
  CHECK(q.size() == 5);
  CHECK_FALSE(q.empty());
  CHECK(q.top_time() == Time() + Seconds(2));
  CHECK(q.Pop().payload == 2);
  q.Push(Time() + Seconds(4), -1, 40);  // fills the slot 2 left: before 4 (lower priority)
  CHECK(q.size() == 5);
  CHECK(Drain(q) == std::vector<int>{3, 40, 4, 5, 6});
  q.Push(Time() + Seconds(9), 0, 9);
  CHECK(q.Pop().payload == 9);
  CHECK(q.empty());
  CHECK(q.size() == 0);
}

// An event pushed ahead of everything queued waits in front of the heap;
// one pushed ahead of it again, or behind it, must still come out in order.
TEST_CASE("events pushed ahead of the queue come out in order with the rest") {
  EventQueue<int> q;
  q.Push(Time() + Seconds(5), 0, 50);
  q.Push(Time() + Seconds(3), 0, 30);
  CHECK(q.Pop().payload == 30);
  CHECK(q.Pop().payload == 50);  // the heap is whole again, and empty
  q.Push(Time() + Seconds(8), 0, 80);
  q.Push(Time() + Seconds(6), 2, 62);  // ahead of 80: in front
  CHECK(q.size() == 2);
  CHECK(q.top_time() == Time() + Seconds(6));
  q.Push(Time() + Seconds(6), 1, 61);  // ahead of the front one
  q.Push(Time() + Seconds(7), 0, 70);  // between the front and the heap
  q.Push(Time() + Seconds(6), 2, 63);  // behind 62 (pushed later)
  CHECK(q.size() == 5);
  CHECK(q.Pop().payload == 61);
  q.Push(Time() + Seconds(6), 0, 60);  // ahead of all left, with no hole
  CHECK(Drain(q) == std::vector<int>{60, 62, 63, 70, 80});
  CHECK(q.empty());
}

}  // namespace
}  // namespace acd::sim
