// File: welkom/client.h
// libwelkom: the offline-first C++ client of welkomd, for the newcomer's app.
//
//   welkom::sdk::ClientOptions options;
//   options.target = "127.0.0.1:50051";
//   options.cache_path = app_dir + "/welkom-cache.db";
//   auto client = welkom::sdk::Client::Open(options);
//   auto me = (*client)->Login(email, password);
//   auto who = (*client)->WhoAmI();          // works offline from the cache
//
// Contract:
// - Thread-safe. Every call runs on the client's one serial queue (in call
//   order) and blocks the caller until done; callbacks run on that queue's
//   thread, and a callback may call back into the client.
// - Reads (Source::kDefault) ask the server and fall back to the local cache
//   when the server cannot be reached; Source::kCache never touches the
//   network. A cached read shows the changes still waiting in the outbox.
// - Changes are stored in a persistent outbox first, each with a fresh
//   request_id, and sent in order; they survive a restart of the app (a new
//   Client on the same cache_path). While the server is away the outbox is
//   retried with exponential backoff and jitter. The server applies a
//   request_id once, so a replay never applies a change twice.
// - A change the server refuses for good is dropped from the outbox, the
//   affected data is fetched again, and the app hears of it through
//   on_conflict (a stale etag: ABORTED) or on_rejected (anything else).
// - Errors are absl::Status with the server's canonical code;
//   UNAVAILABLE means the server could not be reached.
#ifndef WELKOM_CLIENT_SDK_INCLUDE_WELKOM_CLIENT_H_
#define WELKOM_CLIENT_SDK_INCLUDE_WELKOM_CLIENT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "welkom/v1/buddy.pb.h"
#include "welkom/v1/event.pb.h"
#include "welkom/v1/identity.pb.h"
#include "welkom/v1/import.pb.h"
#include "welkom/v1/journey.pb.h"
#include "welkom/v1/language.pb.h"
#include "welkom/v1/notification.pb.h"
#include "welkom/v1/privacy.pb.h"
#include "welkom/v1/webhook.pb.h"

namespace welkom::sdk {

struct BackoffPolicy {
  absl::Duration initial = absl::Milliseconds(250);
  absl::Duration max = absl::Seconds(30);
  double multiplier = 2.0;
  double jitter = 0.2;  // each delay is spread by +/- this fraction
};

// A change from the outbox that the server refused for good.
struct Conflict {
  std::string method;   // e.g. "/welkom.v1.JourneyService/UpdateStep"
  std::string request;  // the serialized request that was refused
  absl::Status status;  // ABORTED for a stale etag, else the refusal
};

struct ClientOptions {
  std::string target = "127.0.0.1:50051";  // host:port of welkomd
  // welkomd's web address (its HTTP port), the base of the calendar feed
  // URL; no trailing slash.
  std::string web_base_url = "http://127.0.0.1:8080";
  bool use_tls = false;
  // PEM root certificates for TLS; empty uses the system's roots.
  std::string tls_root_certs;
  // The local SQLite cache and outbox; ":memory:" keeps nothing across
  // restarts. It holds the session token: keep it in the app's private dir.
  std::string cache_path = ":memory:";
  absl::Duration call_timeout = absl::Seconds(10);
  BackoffPolicy backoff;
  // Send the outbox right after each change and retry on the backoff timer.
  // Off: only Sync() sends (tests, batch replays).
  bool sync_automatically = true;
  // On the SDK's thread, after the fresh server state is in the cache.
  std::function<void(const Conflict&)> on_conflict;
  std::function<void(const Conflict&)> on_rejected;
};

// Live updates until destroyed; destruction waits for a running callback.
// Destroy it before the Client it came from, and not from its own callback.
class Subscription {
 public:
  virtual ~Subscription() = default;
};

enum class Source {
  kDefault,  // the server, else the cache when the server is unreachable
  kCache,    // the cache only; NOT_FOUND if nothing was cached
};

class Client {
 public:
  // Opens (creating) the cache and restores the session and outbox kept in
  // it. Fails only if the cache file cannot be opened.
  static absl::StatusOr<std::unique_ptr<Client>> Open(ClientOptions options);
  // Stops the queue; changes not sent stay in the outbox for the next Open.
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Signs in; the session is kept in the cache across restarts.
  absl::StatusOr<v1::Member> Login(const std::string& email,
                                   const std::string& password);
  // What an invitation code's link shows before it is accepted: who invites
  // whom into which organisation (without the code). Needs the server.
  // NOT_FOUND for a wrong, replaced, used, revoked or expired code.
  absl::StatusOr<v1::Invitation> GetInvitation(const std::string& code);
  // Accepts an invitation code (sets the password) and signs in.
  absl::StatusOr<v1::Member> AcceptInvitation(const std::string& code,
                                              const std::string& password);
  // Changes the signed-in member's password. Needs the server and is never
  // queued, so no password is ever stored on the device. The server signs
  // out every other session of the account; this one stays signed in.
  // PERMISSION_DENIED if current_password is wrong; INVALID_ARGUMENT if
  // new_password breaks the policy (12 to 1024 characters).
  absl::Status ChangePassword(const std::string& current_password,
                              const std::string& new_password);
  // Revokes the session on the server (if reachable) and forgets it and the
  // cache. FAILED_PRECONDITION while changes wait in the outbox: Sync first.
  absl::Status Logout();
  bool signed_in() const;

  absl::StatusOr<v1::WhoAmIResponse> WhoAmI(Source source = Source::kDefault);

  // The signed-in newcomer's own journey, with the step changes still in
  // the outbox laid over (their status, reason and note; due dates and
  // progress as the server last said).
  absl::StatusOr<v1::Journey> GetJourney(Source source = Source::kDefault);
  // Changes a step of the own journey through the outbox (works offline):
  // status (with blocked_reason), and the note when set_note. An empty
  // `change.etag` takes the step's etag as last read from the server, so a
  // change made meanwhile by someone else comes back through on_conflict;
  // several changes of one step from this device follow one another without
  // conflict. journey_id must be empty and request_id is set here.
  // NOT_FOUND if the cached journey has no such step. OK once the change is
  // stored; the server's verdict arrives later (on_conflict / on_rejected).
  absl::Status UpdateStep(v1::UpdateStepRequest change);

  // The inbox, newest first (the latest 500 when read from the server),
  // with read marks still in the outbox already applied.
  absl::StatusOr<std::vector<v1::Notification>> Inbox(
      Source source = Source::kDefault);
  // Marks notifications read (through the outbox: works offline).
  absl::Status MarkRead(const std::vector<int64_t>& ids);
  // Streams new notifications to `on_notification` (on the SDK's thread),
  // each once, starting after the newest one in the cache; each is stored
  // in the cache first. Reconnects with backoff while the server is away.
  std::unique_ptr<Subscription> WatchNotifications(
      std::function<void(const v1::Notification&)> on_notification);

  // Upcoming events the user may join (the next 200 from the server), by
  // start time, with RSVPs still in the outbox laid over (my_rsvp as the
  // server is expected to decide: a seat while seats remain, else the
  // waitlist; CANCELLED for a pending cancellation).
  absl::StatusOr<std::vector<v1::Event>> Events(
      Source source = Source::kDefault);
  // Reserves a seat (or a waitlist place) through the outbox; works
  // offline. A second RSVP, or one for a past or cancelled event, comes
  // back through on_rejected.
  absl::Status Rsvp(const std::string& event_id);
  // Gives the seat back through the outbox.
  absl::Status CancelRsvp(const std::string& event_id);

  // Dutch classes on offer (courses whose last session has not ended), by
  // first session, each with the caller's own enrolment (my_enrolment), so
  // the newcomer's classes read offline. Enrolments still in the outbox are
  // laid over as the server is expected to decide: a seat while seats
  // remain, else the waitlist; CANCELLED for a pending withdrawal.
  absl::StatusOr<std::vector<v1::Course>> Classes(
      Source source = Source::kDefault);
  // Enrols in a course through the outbox (works offline). A second
  // enrolment, or one in a course that has ended, comes back through
  // on_rejected.
  absl::Status Enrol(const std::string& course_id);
  // Withdraws from a course through the outbox; the seat goes to the first
  // on the waitlist.
  absl::Status Withdraw(const std::string& course_id);

  // The personal calendar feed (events, class sessions, journey deadlines
  // as an .ics URL for any calendar app). Needs the server: makes a new
  // secret URL, revokes the previous one and keeps the new one in the cache.
  absl::StatusOr<std::string> RenewCalendarFeed();
  // The feed URL last made on this device (from the cache; NOT_FOUND if
  // none was made here).
  absl::StatusOr<std::string> CalendarFeedUrl();
  // Revokes the feed on the server (its URL answers 404 from then on) and
  // forgets it here. Needs the server.
  absl::Status RevokeCalendarFeed();

  // Everything the server holds about the signed-in member, as one JSON
  // document in protobuf's JSON mapping (welkom.v1.PersonalData), ready to
  // be saved as a file. Needs the server; nothing of it is cached.
  absl::StatusOr<std::string> ExportMyData();
  // A newcomer's or buddy's erasure (GDPR art. 17): asks for it (the server
  // erases after its cooling-off period, 7 days by default, or at once;
  // asked again, the first request stands), calls it off
  // (FAILED_PRECONDITION when none waits) or reads where it stands. They
  // need the server and are never queued. Once erased the session is gone:
  // the next call answers UNAUTHENTICATED and the cache should be dropped
  // (Logout).
  absl::StatusOr<v1::ErasureStatus> RequestErasure();
  absl::StatusOr<v1::ErasureStatus> CancelErasure();
  absl::StatusOr<v1::ErasureStatus> GetErasureStatus();

  // How each kind of notification reaches the member outside the app: at
  // once by e-mail, in the daily digest, or not at all; every kind, with
  // the set's etag (`required` kinds cannot be turned off). Needs the
  // server; nothing is cached or queued.
  absl::StatusOr<v1::NotificationPreferences> GetNotificationPreferences();
  // Changes the kinds in `changes` (the others keep theirs) and answers the
  // whole set. `etag` from a Get, or empty for no check: a stale one
  // answers ABORTED, an unknown kind INVALID_ARGUMENT, turning a required
  // kind off FAILED_PRECONDITION; nothing is changed then.
  absl::StatusOr<v1::NotificationPreferences> SetNotificationPreferences(
      const std::vector<v1::NotificationPreference>& changes,
      const std::string& etag = "");

  // HR: the new hires in `csv` (the text of the HR system's CSV export,
  // docs/CONSOLE.md) into the caller's employer. Preview says what each row
  // would become and stores nothing; Import invites every valid row not yet
  // invited (with `send_email`, by mail too) under a fresh request_id, so a
  // retry is applied once. They need the server and are never queued.
  absl::StatusOr<v1::PreviewNewHiresResponse> PreviewNewHires(
      const std::string& csv);
  absl::StatusOr<v1::ImportNewHiresResponse> ImportNewHires(
      const std::string& csv, bool send_email);

  // HR, advisors, admins: the caller's organisation's webhook endpoints
  // (docs/WEBHOOKS.md). The answers of Create and Rotate hold the secret,
  // the only time it is shown. Online only; nothing is cached or queued.
  absl::StatusOr<v1::CreateWebhookEndpointResponse> CreateWebhookEndpoint(
      const std::string& url, const std::vector<std::string>& event_types);
  absl::StatusOr<std::vector<v1::WebhookEndpoint>> ListWebhookEndpoints();
  absl::StatusOr<v1::RotateWebhookSecretResponse> RotateWebhookSecret(
      const std::string& endpoint_id);
  absl::StatusOr<v1::WebhookEndpoint> EnableWebhookEndpoint(
      const std::string& endpoint_id);
  absl::Status DeleteWebhookEndpoint(const std::string& endpoint_id);
  // Newest first, at most `limit` (0: 50).
  absl::StatusOr<std::vector<v1::WebhookDelivery>> ListWebhookDeliveries(
      const std::string& endpoint_id, int limit = 0);

  // Consent and check-ins. They need the server (UNAVAILABLE offline;
  // nothing is queued, so the answer is the server's verdict) and each
  // carries a fresh request_id, so a retry is applied once. They answer the
  // journey as it is now, which the cache keeps.
  // Lets the region's Expat Center advisors see the journey (audited).
  absl::StatusOr<v1::Journey> GrantConsent();
  // Takes that back: advisors lose access at once.
  absl::StatusOr<v1::Journey> WithdrawConsent();
  // "How are you settling in?" at day 30, 60 or 90: score 0..10 and an
  // optional comment. FAILED_PRECONDITION before that day or twice.
  absl::StatusOr<v1::Journey> SubmitCheckIn(int day, int score,
                                            const std::string& comment);

  // Buddy matching. Reads fall back to the cache offline; changes need the
  // server, as above.
  // The newcomer's own buddy preferences (empty before the first set).
  absl::StatusOr<v1::NewcomerPreferences> BuddyPreferences(
      Source source = Source::kDefault);
  // Replaces them; the newcomer enters the next matching run. An empty
  // etag takes the cached one (a stale one: ABORTED).
  absl::StatusOr<v1::NewcomerPreferences> SetBuddyPreferences(
      v1::NewcomerPreferences preferences);
  // The signed-in buddy's profile.
  absl::StatusOr<v1::BuddyProfile> BuddyProfile(
      Source source = Source::kDefault);
  // Replaces it (languages, interests, municipality, profession, household,
  // capacity 1..5, availability, pause). An empty etag takes the cached one.
  absl::StatusOr<v1::BuddyProfile> UpdateBuddyProfile(v1::BuddyProfile profile);
  // The caller's matches: a buddy's proposals and matched newcomers, a
  // newcomer's buddy (limited profiles only).
  absl::StatusOr<std::vector<v1::Match>> Matches(
      Source source = Source::kDefault);
  // The buddy accepts or declines a proposal. FAILED_PRECONDITION once
  // answered or after its 72 hours.
  absl::StatusOr<v1::Match> AnswerProposal(const std::string& match_id,
                                           bool accept);
  // Either side ends a proposed or accepted match; the newcomer goes into
  // the next run, never with the same buddy again.
  absl::StatusOr<v1::Match> RequestRematch(const std::string& match_id);

  // Whether the last call reached the server. False from a call that could
  // not until one that does: reads then answer from the cache.
  bool online() const;
  // What the cache holds, for "offline: showing the copy from <time>".
  enum class Copy {
    kJourney,
    kInbox,
    kEvents,
    kClasses,
    kPreferences,
    kBuddyProfile,
    kMatches
  };
  // When the cached copy was last stored from the server; NOT_FOUND if
  // there is none.
  absl::StatusOr<absl::Time> CopyTime(Copy what);

  // Sends the outbox now, in order. OK once it is empty; UNAVAILABLE if the
  // server is away (the rest stays queued and is retried with backoff).
  absl::Status Sync();
  // Changes not yet confirmed by the server.
  absl::StatusOr<int64_t> PendingChanges();

  class Impl;

 private:
  explicit Client(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace welkom::sdk

#endif  // WELKOM_CLIENT_SDK_INCLUDE_WELKOM_CLIENT_H_
