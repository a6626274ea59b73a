#include "serial_queue.h"

namespace welkom::sdk {

SerialQueue::SerialQueue() : thread_([this] { Loop(); }) {}

SerialQueue::~SerialQueue() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void SerialQueue::Post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ready_.push_back(std::move(task));
  }
  cv_.notify_all();
}

void SerialQueue::PostAfter(absl::Duration delay, std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    delayed_.emplace(absl::Now() + delay, std::move(task));
  }
  cv_.notify_all();
}

bool SerialQueue::IsCurrent() const {
  return std::this_thread::get_id() == thread_.get_id();
}

void SerialQueue::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    // Move due timers behind the tasks already waiting, in time order.
    absl::Time now = absl::Now();
    while (!delayed_.empty() && delayed_.begin()->first <= now) {
      ready_.push_back(std::move(delayed_.begin()->second));
      delayed_.erase(delayed_.begin());
    }
    if (!ready_.empty()) {
      std::function<void()> task = std::move(ready_.front());
      ready_.pop_front();
      lock.unlock();
      task();
      lock.lock();
      continue;
    }
    if (stopping_) return;
    if (delayed_.empty()) {
      cv_.wait(lock);
    } else {
      cv_.wait_for(lock, absl::ToChronoNanoseconds(delayed_.begin()->first -
                                                   absl::Now()));
    }
  }
}

}  // namespace welkom::sdk
