#include "client-sdk/src/serial_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace welkom::sdk {
namespace {

TEST(SerialQueueTest, RunsTasksOneAtATimeInPostOrder) {
  std::vector<int> order;
  {
    SerialQueue q;
    for (int i = 0; i < 100; ++i) q.Post([&order, i] { order.push_back(i); });
    EXPECT_EQ(q.Run<size_t>([&] { return order.size(); }), 100u);
  }
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
}

TEST(SerialQueueTest, DelayedTaskRunsAfterItsDelayAndAfterReadyTasks) {
  SerialQueue q;
  std::vector<std::string> order;
  absl::Time start = absl::Now();
  absl::Time ran;
  q.PostAfter(absl::Milliseconds(50), [&] {
    order.push_back("delayed");
    ran = absl::Now();
  });
  q.Post([&] { order.push_back("ready"); });
  absl::SleepFor(absl::Milliseconds(150));
  q.Run<bool>([] { return true; });
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order[0], "ready");
  EXPECT_GE(ran - start, absl::Milliseconds(50));
}

TEST(SerialQueueTest, RunFromTheQueueThreadRunsInlineInsteadOfDeadlocking) {
  SerialQueue q;
  int inner = q.Run<int>([&q] { return q.Run<int>([] { return 7; }) + 1; });
  EXPECT_EQ(inner, 8);
}

TEST(SerialQueueTest, DestructionDropsTimersThatAreNotDue) {
  std::atomic<bool> ran{false};
  {
    SerialQueue q;
    q.PostAfter(absl::Hours(1), [&] { ran = true; });
  }
  EXPECT_FALSE(ran);
}

}  // namespace
}  // namespace welkom::sdk
