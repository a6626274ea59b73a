// File: serial_queue.h
// One thread that runs every piece of SDK work, in the order it was posted,
// so SDK state needs no locks (the model is Firestore's AsyncQueue). Delayed
// tasks (backoff retries) run when their time comes, after the tasks already
// due. Callbacks to the app run on this thread.
//
//   SerialQueue q;
//   q.Post([] { ... });
//   int n = q.Run<int>([] { return 42; });  // waits; inline on the queue
#ifndef WELKOM_CLIENT_SDK_SRC_SERIAL_QUEUE_H_
#define WELKOM_CLIENT_SDK_SRC_SERIAL_QUEUE_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace welkom::sdk {

class SerialQueue {
 public:
  SerialQueue();
  // Runs the tasks already due, drops delayed ones, joins the thread.
  ~SerialQueue();
  SerialQueue(const SerialQueue&) = delete;
  SerialQueue& operator=(const SerialQueue&) = delete;

  void Post(std::function<void()> task);
  // Runs `task` after `delay` unless the queue is destroyed first.
  void PostAfter(absl::Duration delay, std::function<void()> task);

  // Runs `fn` on the queue and returns its result. Called on the queue's own
  // thread (from a callback), it runs `fn` inline instead of deadlocking.
  template <typename T>
  T Run(std::function<T()> fn) {
    if (IsCurrent()) return fn();
    std::packaged_task<T()> task(std::move(fn));
    std::future<T> result = task.get_future();
    Post([&task] { task(); });
    return result.get();
  }

  // True on the queue's thread.
  bool IsCurrent() const;

 private:
  void Loop();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> ready_;
  std::multimap<absl::Time, std::function<void()>> delayed_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace welkom::sdk

#endif  // WELKOM_CLIENT_SDK_SRC_SERIAL_QUEUE_H_
