// File: notification_fanout.h
// Live delivery of the inbox. Producers only insert rows into the
// `notifications` table, in their own transactions (in this process or not);
// one fan-out thread reads the rows that are new since its last look, on a
// short interval or sooner when woken, and hands each to the live
// subscribers of its recipient. Rows reach a subscriber in id order and at
// most once from here; the subscriber replays older rows itself.
//
// Every subscription is tied to the session that opened it. The session is
// checked again in a snapshot taken after the rows for it were read (so a
// row written after a Logout or a password change never reaches a stream of
// the session it revoked), and at least every `session_check_interval`
// while nothing arrives; a session that is revoked, expired or whose member
// is gone closes the subscription with UNAUTHENTICATED.
//
//   NotificationFanout fanout(db, {});
//   WELKOM_RETURN_IF_ERROR(fanout.Start());
//   fanout.Subscribe(user_id, session_hash, subscriber);  // new rows
//   fanout.Wake();                             // after a commit, optional
#ifndef WELKOM_SERVER_FLOWS_NOTIFICATION_FANOUT_H_
#define WELKOM_SERVER_FLOWS_NOTIFICATION_FANOUT_H_

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/base/clock.h"
#include "server/store/database.h"
#include "server/store/notification_store.h"

namespace welkom::flows {

// A live receiver of one recipient's notifications. Reference counted: the
// fan-out holds a reference while it calls in, so a subscriber that ends
// meanwhile is deleted only after the call returns.
class NotificationSubscriber {
 public:
  void Ref() { refs_.fetch_add(1, std::memory_order_relaxed); }
  void Unref() {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  // New rows of the subscribed recipient, ids increasing across calls.
  // Called on the fan-out thread without its lock held; must not block.
  virtual void Deliver(
      const std::vector<const store::NotificationRow*>& rows) = 0;
  // The subscription ended: the fan-out is stopping (UNAVAILABLE) or the
  // session behind it ended (UNAUTHENTICATED). Nothing is delivered after.
  virtual void Close(const absl::Status& status) = 0;

 protected:
  virtual ~NotificationSubscriber() = default;

 private:
  std::atomic<int> refs_{1};
};

class NotificationFanout {
 public:
  struct Options {
    // How often the table is read when nobody calls Wake().
    absl::Duration poll_interval = absl::Milliseconds(20);
    // Rows read per look; more wait for the next turn.
    int batch = 2000;
    // How often every subscriber's session is checked when no rows came
    // for it.
    absl::Duration session_check_interval = absl::Milliseconds(250);
  };

  // `clock` decides session expiry (the same clock the dispatcher
  // authenticates with); it must outlive the fan-out.
  NotificationFanout(store::Database* db, const Clock* clock, Options options);
  // Stops if still running.
  ~NotificationFanout();

  // Starts after the highest id stored now; rows stored later are delivered.
  absl::Status Start();
  // Closes every subscriber with UNAVAILABLE and joins the thread.
  void Stop();

  // Cuts the wait before the next look (in-process producers call this after
  // their commit). Cheap; never blocks on the database.
  void Wake();

  // False (and nothing registered) once Stop() has begun. `session_hash` is
  // the SHA-256 of the token that authenticated the subscriber.
  bool Subscribe(const std::string& recipient_id,
                 const std::string& session_hash, NotificationSubscriber* s);
  // Idempotent. After it returns, `s` gets no further calls from here.
  void Unsubscribe(const std::string& recipient_id, NotificationSubscriber* s);

  size_t subscriber_count() const;

 private:
  void Loop();
  struct Subscription {
    NotificationSubscriber* subscriber;
    std::string recipient_id;
    std::string session_hash;
  };

  // Reads and delivers one batch; returns how many rows it read.
  size_t Pump();
  // Closes (and unsubscribes) those of `subs` whose session ended; returns
  // the ones still live. Holds a reference to each given.
  std::vector<Subscription> DropEndedSessions(std::vector<Subscription> subs);

  store::Database* db_;
  const Clock* clock_;
  Options options_;
  absl::Time next_session_check_;  // fan-out thread only
  std::thread thread_;
  int64_t last_id_ = 0;  // only the fan-out thread touches it once started

  mutable absl::Mutex mu_;
  bool running_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool woken_ ABSL_GUARDED_BY(mu_) = false;
  absl::flat_hash_map<std::string, std::vector<Subscription>> subscribers_
      ABSL_GUARDED_BY(mu_);
  size_t count_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_NOTIFICATION_FANOUT_H_
