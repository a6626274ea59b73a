/* File: welkom.h
 * The C ABI of libwelkom for mobile apps (Android through JNI, iOS through
 * Swift), in the style of leveldb's c.h and Couchbase Lite's c4 API.
 *
 *   welkom_error err;
 *   welkom_options* opt = welkom_options_new();
 *   welkom_options_set_target(opt, "127.0.0.1:50051");
 *   welkom_options_set_cache_path(opt, "/data/.../welkom-cache.db");
 *   welkom_client* c = welkom_client_open(opt, &err);
 *   welkom_options_free(opt);
 *   welkom_buffer* me = welkom_client_login(c, email, password, &err);
 *   if (me == NULL) report(err.code, err.message);
 *   parse welkom.v1.Member from welkom_buffer_data(me), welkom_buffer_size(me)
 *   welkom_buffer_free(me);
 *   welkom_client_free(c);
 *
 * Conventions, true of every function here:
 * - Names are welkom_<object>_<verb>. Every object is an opaque handle with
 *   one free function; free functions accept NULL.
 * - The last parameter `welkom_error* err` may be NULL. It is written only
 *   when the call fails (NULL / false / -1 result) and untouched otherwise.
 * - Results are serialized protocol buffers of proto/welkom/v1 (the message
 *   is named at each function), so Kotlin and Swift use their own generated
 *   classes. Requests that carry structure are taken the same way.
 * - No function lets a C++ exception escape (all are noexcept).
 * - Functions block until done and may be called from any thread.
 * - Callbacks are a function pointer plus `void* userdata`. They run on the
 *   SDK's own thread, one at a time; they may call back into the client.
 * - Strings are NUL-terminated UTF-8; bytes are pointer plus length.
 */
#ifndef WELKOM_MOBILE_BRIDGE_WELKOM_H_
#define WELKOM_MOBILE_BRIDGE_WELKOM_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define WELKOM_NOEXCEPT noexcept
extern "C" {
#else
#define WELKOM_NOEXCEPT
#endif

#if defined(_WIN32)
#define WELKOM_EXPORT __declspec(dllexport)
#else
#define WELKOM_EXPORT __attribute__((visibility("default")))
#endif

/* Error codes: the canonical gRPC codes, with the same numbers. */
typedef int32_t welkom_code;
enum {
  WELKOM_OK = 0,
  WELKOM_CANCELLED = 1,
  WELKOM_UNKNOWN = 2,
  WELKOM_INVALID_ARGUMENT = 3,
  WELKOM_DEADLINE_EXCEEDED = 4,
  WELKOM_NOT_FOUND = 5,
  WELKOM_ALREADY_EXISTS = 6,
  WELKOM_PERMISSION_DENIED = 7,
  WELKOM_RESOURCE_EXHAUSTED = 8,
  WELKOM_FAILED_PRECONDITION = 9,
  WELKOM_ABORTED = 10,
  WELKOM_OUT_OF_RANGE = 11,
  WELKOM_UNIMPLEMENTED = 12,
  WELKOM_INTERNAL = 13,
  WELKOM_UNAVAILABLE = 14, /* the server could not be reached */
  WELKOM_DATA_LOSS = 15,
  WELKOM_UNAUTHENTICATED = 16
};

/* Where a read comes from. */
typedef int32_t welkom_source;
enum {
  WELKOM_SOURCE_DEFAULT = 0, /* the server, else the cache when offline */
  WELKOM_SOURCE_CACHE = 1    /* the cache only; NOT_FOUND if empty */
};

typedef struct welkom_error {
  welkom_code code;  /* never WELKOM_OK when filled */
  char message[256]; /* NUL-terminated English text, maybe truncated */
} welkom_error;

typedef struct welkom_options welkom_options;
typedef struct welkom_client welkom_client;
typedef struct welkom_buffer welkom_buffer;
typedef struct welkom_watch welkom_watch;

/* A change the server refused for good (code WELKOM_ABORTED for a stale
 * etag: the conflict callback; any other code: the rejected callback).
 * `request` is the serialized request that was refused; the cache already
 * holds the server's state again when this runs. */
typedef void (*welkom_change_fn)(void* userdata, welkom_code code,
                                 const char* method, const uint8_t* request,
                                 size_t request_size, const char* message);

/* A notification from a live watch: a serialized welkom.v1.Notification,
 * valid for the length of the call. */
typedef void (*welkom_notification_fn)(void* userdata,
                                       const uint8_t* notification,
                                       size_t notification_size);

/* --- options ------------------------------------------------------------ */
WELKOM_EXPORT welkom_options* welkom_options_new(void) WELKOM_NOEXCEPT;
WELKOM_EXPORT void welkom_options_free(welkom_options* options) WELKOM_NOEXCEPT;
/* host:port of welkomd. Default 127.0.0.1:50051. */
WELKOM_EXPORT void welkom_options_set_target(
    welkom_options* options, const char* target) WELKOM_NOEXCEPT;
/* TLS with these PEM roots; roots NULL or size 0: the system's roots. */
WELKOM_EXPORT void welkom_options_set_tls(
    welkom_options* options, const char* pem_roots,
    size_t pem_roots_size) WELKOM_NOEXCEPT;
/* The local cache and outbox file; default ":memory:" (nothing kept). */
WELKOM_EXPORT void welkom_options_set_cache_path(
    welkom_options* options, const char* path) WELKOM_NOEXCEPT;
/* Base URL of welkomd's HTTP port as the phone reaches it, for the
 * calendar feed's address; default "http://127.0.0.1:8080". */
WELKOM_EXPORT void welkom_options_set_web_base_url(
    welkom_options* options, const char* url) WELKOM_NOEXCEPT;
/* true (default): send changes at once and retry with backoff. */
WELKOM_EXPORT void welkom_options_set_sync_automatically(
    welkom_options* options, bool automatically) WELKOM_NOEXCEPT;
WELKOM_EXPORT void welkom_options_set_conflict_callback(
    welkom_options* options, welkom_change_fn fn,
    void* userdata) WELKOM_NOEXCEPT;
WELKOM_EXPORT void welkom_options_set_rejected_callback(
    welkom_options* options, welkom_change_fn fn,
    void* userdata) WELKOM_NOEXCEPT;

/* --- client ------------------------------------------------------------- */
/* Opens the cache and restores the session and outbox kept in it. The
 * options may be freed afterwards. NULL on failure. */
WELKOM_EXPORT welkom_client* welkom_client_open(
    const welkom_options* options, welkom_error* err) WELKOM_NOEXCEPT;
/* Unsent changes stay in the outbox for the next open. */
WELKOM_EXPORT void welkom_client_free(welkom_client* client) WELKOM_NOEXCEPT;

/* Signs in; returns welkom.v1.Member. */
WELKOM_EXPORT welkom_buffer* welkom_client_login(
    welkom_client* client, const char* email, const char* password,
    welkom_error* err) WELKOM_NOEXCEPT;
/* What an invitation link shows before it is accepted: who invites whom
 * into which organisation, as welkom.v1.Invitation (without the code).
 * Needs the server. WELKOM_NOT_FOUND for a wrong, replaced, used, revoked
 * or expired code. */
WELKOM_EXPORT welkom_buffer* welkom_client_get_invitation(
    welkom_client* client, const char* code, welkom_error* err) WELKOM_NOEXCEPT;
/* Accepts an invitation and signs in; returns welkom.v1.Member. */
WELKOM_EXPORT welkom_buffer* welkom_client_accept_invitation(
    welkom_client* client, const char* code, const char* password,
    welkom_error* err) WELKOM_NOEXCEPT;
/* Changes the signed-in member's password; needs the server (never queued,
 * so no password is kept on the device). Every other session of the account
 * is signed out; this one stays. WELKOM_PERMISSION_DENIED for a wrong
 * current password, WELKOM_INVALID_ARGUMENT for a new one outside the
 * policy (12 to 1024 characters). */
WELKOM_EXPORT bool welkom_client_change_password(
    welkom_client* client, const char* current_password,
    const char* new_password, welkom_error* err) WELKOM_NOEXCEPT;
/* FAILED_PRECONDITION while changes wait in the outbox. */
WELKOM_EXPORT bool welkom_client_logout(welkom_client* client,
                                        welkom_error* err) WELKOM_NOEXCEPT;
WELKOM_EXPORT bool welkom_client_signed_in(welkom_client* client)
    WELKOM_NOEXCEPT;
/* Returns welkom.v1.WhoAmIResponse. */
WELKOM_EXPORT welkom_buffer* welkom_client_whoami(
    welkom_client* client, welkom_source source,
    welkom_error* err) WELKOM_NOEXCEPT;
/* Sends the outbox; false with WELKOM_UNAVAILABLE while offline. */
WELKOM_EXPORT bool welkom_client_sync(welkom_client* client,
                                      welkom_error* err) WELKOM_NOEXCEPT;
/* Changes not yet confirmed by the server; -1 on failure. */
WELKOM_EXPORT int64_t welkom_client_pending_changes(
    welkom_client* client, welkom_error* err) WELKOM_NOEXCEPT;

/* Whether the last call reached the server (false from a call that could
 * not until one that does: reads then answer from the cache). */
WELKOM_EXPORT bool welkom_client_online(welkom_client* client) WELKOM_NOEXCEPT;

/* --- consent and check-ins ---------------------------------------------- */
/* These need the server (WELKOM_UNAVAILABLE offline; nothing is queued) and
 * return the journey as it is now, welkom.v1.Journey. */
/* Lets the Expat Center's advisors of the region see the journey. */
WELKOM_EXPORT welkom_buffer* welkom_client_grant_consent(
    welkom_client* client, welkom_error* err) WELKOM_NOEXCEPT;
WELKOM_EXPORT welkom_buffer* welkom_client_withdraw_consent(
    welkom_client* client, welkom_error* err) WELKOM_NOEXCEPT;
/* "How are you settling in?" at day 30, 60 or 90: score 0..10, comment may
 * be NULL. WELKOM_FAILED_PRECONDITION before that day or a second time. */
WELKOM_EXPORT welkom_buffer* welkom_client_submit_check_in(
    welkom_client* client, int day, int score, const char* comment,
    welkom_error* err) WELKOM_NOEXCEPT;

/* --- buddy matching ------------------------------------------------------ */
/* Reads answer from the cache offline; changes need the server. An empty
 * etag in a profile or preferences takes the one last read. */
/* The newcomer's preferences; returns welkom.v1.NewcomerPreferences. */
WELKOM_EXPORT welkom_buffer* welkom_client_buddy_preferences(
    welkom_client* client, welkom_source source,
    welkom_error* err) WELKOM_NOEXCEPT;
/* `preferences`: a serialized welkom.v1.NewcomerPreferences. */
WELKOM_EXPORT welkom_buffer* welkom_client_set_buddy_preferences(
    welkom_client* client, const uint8_t* preferences, size_t preferences_size,
    welkom_error* err) WELKOM_NOEXCEPT;
/* The buddy's own profile; returns welkom.v1.BuddyProfile. */
WELKOM_EXPORT welkom_buffer* welkom_client_buddy_profile(
    welkom_client* client, welkom_source source,
    welkom_error* err) WELKOM_NOEXCEPT;
/* `profile`: a serialized welkom.v1.BuddyProfile. */
WELKOM_EXPORT welkom_buffer* welkom_client_update_buddy_profile(
    welkom_client* client, const uint8_t* profile, size_t profile_size,
    welkom_error* err) WELKOM_NOEXCEPT;
/* The caller's matches as welkom.v1.ListMatchesResponse. */
WELKOM_EXPORT welkom_buffer* welkom_client_matches(
    welkom_client* client, welkom_source source,
    welkom_error* err) WELKOM_NOEXCEPT;
/* The buddy answers a proposal; returns welkom.v1.Match.
 * WELKOM_FAILED_PRECONDITION once answered or after its 72 hours. */
WELKOM_EXPORT welkom_buffer* welkom_client_answer_proposal(
    welkom_client* client, const char* match_id, bool accept,
    welkom_error* err) WELKOM_NOEXCEPT;
/* Either side ends a match; returns welkom.v1.Match. */
WELKOM_EXPORT welkom_buffer* welkom_client_request_rematch(
    welkom_client* client, const char* match_id,
    welkom_error* err) WELKOM_NOEXCEPT;

/* --- journey ----------------------------------------------------------- */
/* The signed-in newcomer's journey, with step changes still in the outbox
 * laid over; returns welkom.v1.Journey. */
WELKOM_EXPORT welkom_buffer* welkom_client_journey(
    welkom_client* client, welkom_source source,
    welkom_error* err) WELKOM_NOEXCEPT;
/* Queues a step change, a serialized welkom.v1.UpdateStepRequest (journey_id
 * empty; an empty etag takes the step's etag as last read; the SDK sets the
 * request_id). Works offline: true once stored in the outbox. The server's
 * verdict comes later, through the conflict or rejected callback.
 * INVALID_ARGUMENT if the bytes are no UpdateStepRequest. */
WELKOM_EXPORT bool welkom_client_update_step(welkom_client* client,
                                             const uint8_t* request,
                                             size_t request_size,
                                             welkom_error* err) WELKOM_NOEXCEPT;

/* --- inbox ------------------------------------------------------------- */
/* Returns welkom.v1.ListNotificationsResponse: the inbox newest first, with
 * read marks still in the outbox applied, and unread_count. */
WELKOM_EXPORT welkom_buffer* welkom_client_inbox(
    welkom_client* client, welkom_source source,
    welkom_error* err) WELKOM_NOEXCEPT;
/* Marks notifications read through the outbox (works offline). */
WELKOM_EXPORT bool welkom_client_mark_read(welkom_client* client,
                                           const int64_t* ids, size_t count,
                                           welkom_error* err) WELKOM_NOEXCEPT;
/* Calls `fn` for each new notification (after the newest one cached), once,
 * in order, on the SDK's thread; reconnects by itself while the server is
 * away. Free the watch before its client, and not from inside `fn`. */
WELKOM_EXPORT welkom_watch* welkom_client_watch_notifications(
    welkom_client* client, welkom_notification_fn fn, void* userdata,
    welkom_error* err) WELKOM_NOEXCEPT;
/* Ends the watch; no call of its `fn` runs after this returns. */
WELKOM_EXPORT void welkom_watch_free(welkom_watch* watch) WELKOM_NOEXCEPT;

/* --- events ------------------------------------------------------------ */
/* Upcoming events the user may join, by start time, with RSVPs still in the
 * outbox laid over (my_rsvp as the server is expected to decide); returns
 * welkom.v1.ListEventsResponse (events only, no page token). */
WELKOM_EXPORT welkom_buffer* welkom_client_events(
    welkom_client* client, welkom_source source,
    welkom_error* err) WELKOM_NOEXCEPT;
/* Takes a seat (or a waitlist place) at an event through the outbox; works
 * offline. A second RSVP, or one for a past or cancelled event, comes back
 * through the rejected callback. INVALID_ARGUMENT for a NULL or empty id. */
WELKOM_EXPORT bool welkom_client_rsvp(welkom_client* client,
                                      const char* event_id,
                                      welkom_error* err) WELKOM_NOEXCEPT;
/* Gives the seat back through the outbox; works offline. */
WELKOM_EXPORT bool welkom_client_cancel_rsvp(welkom_client* client,
                                             const char* event_id,
                                             welkom_error* err) WELKOM_NOEXCEPT;

/* --- Dutch classes ----------------------------------------------------- */
/* Courses on offer, by first session, each with the user's own enrolment
 * (my_enrolment; enrolments still in the outbox laid over); returns
 * welkom.v1.ListCoursesResponse. Read offline from the cache. */
WELKOM_EXPORT welkom_buffer* welkom_client_classes(
    welkom_client* client, welkom_source source,
    welkom_error* err) WELKOM_NOEXCEPT;
/* Enrols through the outbox (a seat while seats remain, else the waitlist);
 * works offline. A second enrolment comes back through the rejected
 * callback. INVALID_ARGUMENT for a NULL or empty id. */
WELKOM_EXPORT bool welkom_client_enrol(welkom_client* client,
                                       const char* course_id,
                                       welkom_error* err) WELKOM_NOEXCEPT;
/* Withdraws through the outbox; the seat goes to the first waiting. */
WELKOM_EXPORT bool welkom_client_withdraw(welkom_client* client,
                                          const char* course_id,
                                          welkom_error* err) WELKOM_NOEXCEPT;

/* --- calendar feed ---------------------------------------------------- */
/* The personal calendar feed: events, class sessions and journey deadlines
 * as an .ics address any calendar app can subscribe to. The address is
 * returned as a google.protobuf.StringValue. */
/* Needs the server: makes a new secret address, revokes the one before and
 * keeps the new one in the cache. */
WELKOM_EXPORT welkom_buffer* welkom_client_renew_calendar_feed(
    welkom_client* client, welkom_error* err) WELKOM_NOEXCEPT;
/* The address last made on this device, from the cache; NOT_FOUND if none
 * was made here. Works offline. */
WELKOM_EXPORT welkom_buffer* welkom_client_calendar_feed_url(
    welkom_client* client, welkom_error* err) WELKOM_NOEXCEPT;
/* Needs the server: the address answers 404 from then on, and the cache
 * forgets it. */
WELKOM_EXPORT bool welkom_client_revoke_calendar_feed(
    welkom_client* client, welkom_error* err) WELKOM_NOEXCEPT;

/* --- privacy ------------------------------------------------------------ */
/* The person's own data (GDPR art. 15, 17, 20). They need the server and
 * nothing is cached or queued. */
/* Everything Welkom holds about the signed-in member as one JSON document
 * (protobuf's JSON mapping of welkom.v1.PersonalData), returned as a
 * google.protobuf.StringValue, ready to be saved as a file. */
WELKOM_EXPORT welkom_buffer* welkom_client_export_my_data(
    welkom_client* client, welkom_error* err) WELKOM_NOEXCEPT;
/* A newcomer's or buddy's erasure, each returning welkom.v1.ErasureStatus:
 * ask for it (after the server's cooling-off period, 7 days by default, or
 * at once: ERASURE_STATE_ERASED, and the session is gone; asked again, the
 * first request stands), call it off (WELKOM_FAILED_PRECONDITION when none
 * waits) or read where it stands. WELKOM_PERMISSION_DENIED for staff. */
WELKOM_EXPORT welkom_buffer* welkom_client_request_erasure(
    welkom_client* client, welkom_error* err) WELKOM_NOEXCEPT;
WELKOM_EXPORT welkom_buffer* welkom_client_cancel_erasure(
    welkom_client* client, welkom_error* err) WELKOM_NOEXCEPT;
WELKOM_EXPORT welkom_buffer* welkom_client_get_erasure_status(
    welkom_client* client, welkom_error* err) WELKOM_NOEXCEPT;

/* --- notification preferences ------------------------------------------ */
/* How each kind of notification reaches the member by e-mail: at once, in
 * the daily digest, or not at all. They need the server. */
/* Every kind with its choice and the set's etag; returns
 * welkom.v1.NotificationPreferences. */
WELKOM_EXPORT welkom_buffer* welkom_client_notification_preferences(
    welkom_client* client, welkom_error* err) WELKOM_NOEXCEPT;
/* `request`: a serialized welkom.v1.SetNotificationPreferencesRequest (the
 * kinds to change, the etag last read or none); returns the whole set.
 * WELKOM_INVALID_ARGUMENT for an unknown kind, WELKOM_ABORTED for a stale
 * etag, WELKOM_FAILED_PRECONDITION for a kind that cannot be turned off. */
WELKOM_EXPORT welkom_buffer* welkom_client_set_notification_preferences(
    welkom_client* client, const uint8_t* request, size_t request_size,
    welkom_error* err) WELKOM_NOEXCEPT;

/* --- buffer ------------------------------------------------------------- */
WELKOM_EXPORT const uint8_t* welkom_buffer_data(const welkom_buffer* buffer)
    WELKOM_NOEXCEPT;
WELKOM_EXPORT size_t welkom_buffer_size(const welkom_buffer* buffer)
    WELKOM_NOEXCEPT;
WELKOM_EXPORT void welkom_buffer_free(welkom_buffer* buffer) WELKOM_NOEXCEPT;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WELKOM_MOBILE_BRIDGE_WELKOM_H_ */
