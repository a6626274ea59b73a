// File: executor.h
// A fixed pool of threads for blocking work (SQLite, scrypt), so gRPC's
// reactor threads never wait on the database.
#ifndef WELKOM_SERVER_RPC_EXECUTOR_H_
#define WELKOM_SERVER_RPC_EXECUTOR_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace welkom::rpc {

class Executor {
 public:
  explicit Executor(int threads);
  // Runs every task already submitted, then joins the threads.
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  void Submit(std::function<void()> task);

 private:
  void Loop();

  absl::Mutex mu_;
  std::deque<std::function<void()>> tasks_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace welkom::rpc

#endif  // WELKOM_SERVER_RPC_EXECUTOR_H_
