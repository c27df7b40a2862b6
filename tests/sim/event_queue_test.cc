#include "sim/event_queue.h"

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

}  // namespace
}  // namespace acd::sim
