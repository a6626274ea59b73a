/* The C ABI from pure C (compiled as C99 with -pedantic -Werror, which also
 * proves welkom.h is C) against a real welkomd that this program starts. */
#define _GNU_SOURCE /* memmem */
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "c_check.h"
#include "proto_reader.h"
#include "welkom.h"
#include "welkomd_launcher.h"

static welkom_client* open_client(const launched_server* server) {
  return open_client_at(server, "c-cache.db");
}

static void test_wrong_password_fills_error(const launched_server* server) {
  welkom_client* client = open_client(server);
  welkom_error err;
  welkom_buffer* member;
  err.code = WELKOM_OK;
  member = welkom_client_login(client, server->newcomer_email,
                               "wrong-password-here", &err);
  CHECK(member == NULL);
  CHECK(err.code == WELKOM_UNAUTHENTICATED);
  CHECK(strlen(err.message) > 0);
  CHECK(!welkom_client_signed_in(client));
  /* A NULL error pointer is allowed. */
  CHECK(welkom_client_login(client, server->newcomer_email, "nope-nope-nope",
                            NULL) == NULL);
  welkom_client_free(client);
}

static void test_login_and_whoami(const launched_server* server) {
  welkom_client* client = open_client(server);
  welkom_error err;
  welkom_buffer* member;
  welkom_buffer* who;
  err.code = -1;
  member = welkom_client_login(client, server->newcomer_email,
                               server->newcomer_password, &err);
  CHECK(member != NULL);
  CHECK(err.code == -1); /* untouched on success */
  CHECK(welkom_buffer_size(member) > 0);
  CHECK(welkom_client_signed_in(client));
  who = welkom_client_whoami(client, WELKOM_SOURCE_DEFAULT, &err);
  CHECK(who != NULL);
  /* The serialized WhoAmIResponse carries the member's id somewhere. */
  CHECK(who != NULL &&
        memmem(welkom_buffer_data(who), welkom_buffer_size(who),
               server->newcomer_id, strlen(server->newcomer_id)) != NULL);
  CHECK(welkom_client_pending_changes(client, &err) == 0);
  CHECK(welkom_client_sync(client, &err));
  welkom_buffer_free(member);
  welkom_buffer_free(who);
  welkom_buffer_free(NULL);
  welkom_client_free(client);
}

/* Consent, buddy preferences and a refused check-in from C: each answers
 * the server's state as a serialized message, or the server's code. */
static void test_consent_preferences_and_check_in(
    const launched_server* server) {
  welkom_client* client = open_client_at(server, "c-consent.db");
  welkom_error err;
  welkom_buffer* b;
  /* welkom.v1.NewcomerPreferences by hand: languages = 2 ("en", "nl"),
   * interests = 3 ("cycling"). */
  static const uint8_t prefs[] = {0x12, 2,   'e',  'n', 0x12, 2,
                                  'n',  'l', 0x1a, 7,   'c',  'y',
                                  'c',  'l', 'i',  'n', 'g'};
  b = welkom_client_login(client, server->newcomer_email,
                          server->newcomer_password, &err);
  welkom_buffer_free(b);
  CHECK(welkom_client_online(client));
  b = welkom_client_grant_consent(client, &err);
  CHECK(b != NULL);
  welkom_buffer_free(b);
  b = welkom_client_withdraw_consent(client, &err);
  CHECK(b != NULL);
  welkom_buffer_free(b);
  b = welkom_client_set_buddy_preferences(client, prefs, sizeof prefs, &err);
  CHECK(b != NULL);
  CHECK(buffer_has(b, "cycling"));
  welkom_buffer_free(b);
  b = welkom_client_buddy_preferences(client, WELKOM_SOURCE_CACHE, &err);
  CHECK(buffer_has(b, "cycling"));
  welkom_buffer_free(b);
  CHECK(welkom_client_set_buddy_preferences(client, (const uint8_t*)"\xff", 1,
                                            &err) == NULL);
  CHECK(err.code == WELKOM_INVALID_ARGUMENT);
  b = welkom_client_matches(client, WELKOM_SOURCE_DEFAULT, &err);
  CHECK(b != NULL);
  welkom_buffer_free(b);
  /* Day 90 has not come for the demo newcomer. */
  CHECK(welkom_client_submit_check_in(client, 90, 8, NULL, &err) == NULL);
  CHECK(err.code == WELKOM_FAILED_PRECONDITION);
  CHECK(welkom_client_answer_proposal(client, NULL, true, &err) == NULL);
  CHECK(err.code == WELKOM_INVALID_ARGUMENT);
  welkom_client_free(client);
}

/* Invitation to first login, then a new password: a wrong code and a weak
 * password are refused with their codes, the invitation signs in once,
 * and after the change only the new password works. */
static void test_accept_invitation_and_change_password(
    const launched_server* server) {
  char code[128];
  welkom_error err;
  welkom_buffer* member;
  welkom_client* client;
  welkom_client* again;
  CHECK(invite_newcomer(server, "c.bridge@example.org", code, sizeof code) ==
        0);
  client = open_client_at(server, "c-accept.db");
  err.code = WELKOM_OK;
  CHECK(welkom_client_accept_invitation(client, "no-such-code",
                                        "a good long password", &err) == NULL);
  CHECK(err.code == WELKOM_NOT_FOUND);
  CHECK(welkom_client_accept_invitation(client, code, "short", &err) == NULL);
  CHECK(err.code == WELKOM_INVALID_ARGUMENT);
  CHECK(!welkom_client_signed_in(client));
  member = welkom_client_accept_invitation(client, code, "a good long password",
                                           &err);
  CHECK(member != NULL);
  CHECK(buffer_has(member, "c.bridge@example.org"));
  CHECK(welkom_client_signed_in(client));
  CHECK(welkom_client_change_password(client, "not my password",
                                      "another long password", &err) == false);
  CHECK(err.code == WELKOM_PERMISSION_DENIED);
  CHECK(welkom_client_change_password(client, "a good long password", "short",
                                      &err) == false);
  CHECK(err.code == WELKOM_INVALID_ARGUMENT);
  CHECK(welkom_client_change_password(client, "a good long password",
                                      "another long password", &err));
  welkom_buffer_free(member);
  CHECK(welkom_client_logout(client, &err));
  welkom_client_free(client);

  /* A second device: the old password fails, the new one signs in. */
  again = open_client_at(server, "c-accept-2.db");
  CHECK(welkom_client_login(again, "c.bridge@example.org",
                            "a good long password", &err) == NULL);
  CHECK(err.code == WELKOM_UNAUTHENTICATED);
  member = welkom_client_login(again, "c.bridge@example.org",
                               "another long password", &err);
  CHECK(member != NULL);
  welkom_buffer_free(member);
  welkom_client_free(again);
}

/* A serialized welkom.v1.UpdateStepRequest that sets a step's note, encoded
 * by hand (no protobuf in C): step_key = 2, note = 5, set_note = 6. */
static size_t note_change(const char* key, const char* note, uint8_t* out) {
  size_t n = 0, key_len = strlen(key), note_len = strlen(note);
  out[n++] = 0x12;
  out[n++] = (uint8_t)key_len;
  memcpy(out + n, key, key_len);
  n += key_len;
  out[n++] = 0x2a;
  out[n++] = (uint8_t)note_len;
  memcpy(out + n, note, note_len);
  n += note_len;
  out[n++] = 0x30;
  out[n++] = 1;
  return n;
}

static void test_journey_step_change(const launched_server* server) {
  welkom_client* client = open_client(server);
  welkom_error err;
  welkom_buffer* journey;
  uint8_t change[128];
  size_t size;
  welkom_buffer_free(welkom_client_login(client, server->newcomer_email,
                                         server->newcomer_password, &err));
  journey = welkom_client_journey(client, WELKOM_SOURCE_DEFAULT, &err);
  CHECK(buffer_has(journey, "permanent_housing_search"));
  welkom_buffer_free(journey);
  size = note_change("permanent_housing_search", "viewing on friday", change);
  CHECK(welkom_client_update_step(client, change, size, &err));
  CHECK(welkom_client_sync(client, &err));
  CHECK(welkom_client_pending_changes(client, &err) == 0);
  journey = welkom_client_journey(client, WELKOM_SOURCE_DEFAULT, &err);
  CHECK(buffer_has(journey, "viewing on friday"));
  welkom_buffer_free(journey);
  /* Bytes that are no UpdateStepRequest are refused at once. */
  err.code = WELKOM_OK;
  CHECK(
      !welkom_client_update_step(client, (const uint8_t*)"\xff\xff", 2, &err));
  CHECK(err.code == WELKOM_INVALID_ARGUMENT);
  welkom_client_free(client);
}

/* Stores a notification for the newcomer in welkomd's database, as a
 * producer outside the server would. */
static void produce_notification(const launched_server* server,
                                 const char* title) {
  char path[512];
  sqlite3* db = NULL;
  sqlite3_stmt* st = NULL;
  snprintf(path, sizeof path, "%s/welkom.db", server->dir);
  CHECK(sqlite3_open(path, &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  CHECK(sqlite3_prepare_v2(db,
                           "INSERT INTO notifications (recipient_id, kind, "
                           "title_en, title_nl, created_at) VALUES (?, "
                           "'step_due', ?, ?, 1795000000)",
                           -1, &st, NULL) == SQLITE_OK);
  sqlite3_bind_text(st, 1, server->newcomer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, title, -1, SQLITE_TRANSIENT);
  CHECK(sqlite3_step(st) == SQLITE_DONE);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

/* unread_count (3) of a ListNotificationsResponse, and the id (1) of its
 * first notification (1). */
static void inbox_summary(const welkom_buffer* inbox, uint64_t* unread,
                          uint64_t* newest_id) {
  const uint8_t* begin = welkom_buffer_data(inbox);
  const uint8_t* end = begin + welkom_buffer_size(inbox);
  const uint8_t* first = NULL;
  size_t first_size = 0;
  *unread = 0;
  *newest_id = 0;
  find_field(begin, end, 3, unread, NULL, NULL);
  if (find_field(begin, end, 1, NULL, &first, &first_size)) {
    find_field(first, first + first_size, 1, newest_id, NULL, NULL);
  }
}

typedef struct watched {
  pthread_mutex_t mu;
  int count;
  int saw_title;
} watched;

static void on_notification(void* userdata, const uint8_t* data, size_t size) {
  watched* w = (watched*)userdata;
  pthread_mutex_lock(&w->mu);
  ++w->count;
  if (memmem(data, size, "Town hall at nine", 17) != NULL) w->saw_title = 1;
  pthread_mutex_unlock(&w->mu);
}

static void test_inbox_and_watch(const launched_server* server) {
  welkom_client* client = open_client(server);
  welkom_error err;
  welkom_buffer* inbox;
  welkom_watch* watch;
  watched w;
  int waited, saw = 0;
  uint64_t unread = 0, unread_after = 0, newest = 0;
  int64_t id;
  pthread_mutex_init(&w.mu, NULL);
  w.count = 0;
  w.saw_title = 0;
  inbox = welkom_client_inbox(client, WELKOM_SOURCE_DEFAULT, &err);
  CHECK(inbox != NULL);
  welkom_buffer_free(inbox);
  watch = welkom_client_watch_notifications(client, on_notification, &w, &err);
  CHECK(watch != NULL);
  produce_notification(server, "Town hall at nine");
  for (waited = 0; waited < 15000 && !saw; waited += 50) {
    usleep(50 * 1000);
    pthread_mutex_lock(&w.mu);
    saw = w.saw_title;
    pthread_mutex_unlock(&w.mu);
  }
  CHECK(saw);
  welkom_watch_free(watch);
  CHECK(w.count == 1);
  inbox = welkom_client_inbox(client, WELKOM_SOURCE_CACHE, &err);
  CHECK(buffer_has(inbox, "Town hall at nine"));
  if (inbox != NULL) inbox_summary(inbox, &unread, &newest);
  welkom_buffer_free(inbox);
  CHECK(newest > 0 && unread > 0);
  id = (int64_t)newest;
  CHECK(welkom_client_mark_read(client, &id, 1, &err));
  CHECK(welkom_client_sync(client, &err));
  inbox = welkom_client_inbox(client, WELKOM_SOURCE_DEFAULT, &err);
  if (inbox != NULL) inbox_summary(inbox, &unread_after, &newest);
  welkom_buffer_free(inbox);
  CHECK(unread_after == unread - 1);
  welkom_watch_free(NULL);
  welkom_client_free(client);
  pthread_mutex_destroy(&w.mu);
}

typedef welkom_buffer* (*list_fn)(welkom_client*, welkom_source, welkom_error*);
typedef bool (*place_fn)(welkom_client*, const char*, welkom_error*);

/* Events and classes alike: the first item where the user has no place
 * yet gets one (`take`), then gives it back (`give`); `mine` is the field
 * of the user's own status, `given_back` its value after `give`. The id
 * taken is left in `id` for the offline test. */
static void check_take_and_give(welkom_client* client, list_fn list,
                                place_fn take, place_fn give, int mine,
                                int64_t given_back, char* id, size_t id_cap) {
  welkom_error err;
  welkom_buffer* items = list(client, WELKOM_SOURCE_DEFAULT, &err);
  const uint8_t* item;
  const uint8_t* item_id = NULL;
  size_t size, id_size = 0;
  int n;
  id[0] = '\0';
  for (n = 0; items != NULL && nth_item(items, n, &item, &size); ++n) {
    uint64_t status = 0;
    find_field(item, item + size, mine, &status, NULL, NULL);
    if (status == 0 &&
        find_field(item, item + size, 1, NULL, &item_id, &id_size) &&
        id_size < id_cap) {
      memcpy(id, item_id, id_size);
      id[id_size] = '\0';
      break;
    }
  }
  welkom_buffer_free(items);
  CHECK(id[0] != '\0');
  if (id[0] == '\0') return;
  CHECK(take(client, id, &err));
  CHECK(welkom_client_sync(client, &err));
  items = list(client, WELKOM_SOURCE_DEFAULT, &err);
  /* 1: CONFIRMED / ENROLLED, 2: WAITLISTED. */
  CHECK(item_value(items, id, mine) == 1 || item_value(items, id, mine) == 2);
  welkom_buffer_free(items);
  CHECK(give(client, id, &err));
  CHECK(welkom_client_sync(client, &err));
  items = list(client, WELKOM_SOURCE_DEFAULT, &err);
  CHECK(item_value(items, id, mine) == given_back);
  welkom_buffer_free(items);
  err.code = WELKOM_OK;
  CHECK(!take(client, "", &err));
  CHECK(err.code == WELKOM_INVALID_ARGUMENT);
}

static char event_id[64], course_id[64];

static void test_events_and_classes(const launched_server* server) {
  welkom_client* client = open_client(server);
  welkom_error err;
  welkom_buffer_free(welkom_client_login(client, server->newcomer_email,
                                         server->newcomer_password, &err));
  /* Event.my_rsvp = 18, CANCELLED = 3; Course.my_enrolment = 12,
   * CANCELLED = 4. */
  check_take_and_give(client, welkom_client_events, welkom_client_rsvp,
                      welkom_client_cancel_rsvp, 18, 3, event_id,
                      sizeof event_id);
  check_take_and_give(client, welkom_client_classes, welkom_client_enrol,
                      welkom_client_withdraw, 12, 4, course_id,
                      sizeof course_id);
  welkom_client_free(client);
}

/* The calendar feed's address as a StringValue: field 1, length, text. */
static int is_feed_address(const welkom_buffer* b, const char* base) {
  const uint8_t* data;
  size_t size, base_len = strlen(base);
  if (b == NULL) return 0;
  data = welkom_buffer_data(b);
  size = welkom_buffer_size(b);
  return size > 2 + base_len + 14 && data[0] == 0x0a &&
         (size_t)data[1] == size - 2 && memcmp(data + 2, base, base_len) == 0 &&
         memcmp(data + 2 + base_len, "/calendar/", 10) == 0 &&
         memcmp(data + size - 4, ".ics", 4) == 0;
}

static void test_calendar_feed(const launched_server* server) {
  const char* base = "https://welkom.example.org";
  char target[64];
  char cache[512];
  welkom_error err;
  welkom_options* options = welkom_options_new();
  welkom_client* client;
  welkom_buffer *first, *second, *kept;
  snprintf(target, sizeof target, "127.0.0.1:%d", server->grpc_port);
  snprintf(cache, sizeof cache, "%s/c-calendar.db", server->dir);
  welkom_options_set_target(options, target);
  welkom_options_set_cache_path(options, cache);
  welkom_options_set_web_base_url(options, base);
  client = welkom_client_open(options, &err);
  welkom_options_free(options);
  CHECK(client != NULL);
  welkom_buffer_free(welkom_client_login(client, server->newcomer_email,
                                         server->newcomer_password, &err));
  /* None made on this device yet. */
  err.code = -1;
  CHECK(welkom_client_calendar_feed_url(client, &err) == NULL);
  CHECK(err.code == WELKOM_NOT_FOUND);
  first = welkom_client_renew_calendar_feed(client, &err);
  CHECK(is_feed_address(first, base));
  /* A renewal makes a new secret address; the cache keeps the newest. */
  second = welkom_client_renew_calendar_feed(client, &err);
  CHECK(is_feed_address(second, base));
  CHECK(first != NULL && second != NULL &&
        (welkom_buffer_size(first) != welkom_buffer_size(second) ||
         memcmp(welkom_buffer_data(first), welkom_buffer_data(second),
                welkom_buffer_size(first)) != 0));
  kept = welkom_client_calendar_feed_url(client, &err);
  CHECK(kept != NULL && second != NULL &&
        welkom_buffer_size(kept) == welkom_buffer_size(second) &&
        memcmp(welkom_buffer_data(kept), welkom_buffer_data(second),
               welkom_buffer_size(kept)) == 0);
  CHECK(welkom_client_revoke_calendar_feed(client, &err));
  err.code = -1;
  CHECK(welkom_client_calendar_feed_url(client, &err) == NULL);
  CHECK(err.code == WELKOM_NOT_FOUND);
  welkom_buffer_free(first);
  welkom_buffer_free(second);
  welkom_buffer_free(kept);
  welkom_client_free(client);
}

static void test_cache_answers_when_server_is_down(launched_server* server) {
  /* Same cache file as the test before: the session was kept. */
  welkom_client* client = open_client(server);
  welkom_error err;
  welkom_buffer* who;
  CHECK(welkom_client_signed_in(client));
  stop_welkomd(server);
  who = welkom_client_whoami(client, WELKOM_SOURCE_DEFAULT, &err);
  CHECK(who != NULL);
  welkom_buffer_free(who);
  {
    /* The lists read before are cached, with their last known state. */
    welkom_buffer* events =
        welkom_client_events(client, WELKOM_SOURCE_DEFAULT, &err);
    welkom_buffer* classes =
        welkom_client_classes(client, WELKOM_SOURCE_DEFAULT, &err);
    CHECK(item_value(events, event_id, 18) == 3);
    CHECK(item_value(classes, course_id, 12) == 4);
    welkom_buffer_free(events);
    welkom_buffer_free(classes);
  }
  /* Offline the session cannot be revoked, but it is forgotten here. */
  CHECK(welkom_client_logout(client, &err));
  CHECK(!welkom_client_signed_in(client));
  welkom_client_free(client);
}

int main(void) {
  launched_server server;
  if (start_welkomd(WELKOMD_PATH, &server) != 0) {
    fprintf(stderr, "welkomd did not start\n");
    return 1;
  }
  test_wrong_password_fills_error(&server);
  test_login_and_whoami(&server);
  test_accept_invitation_and_change_password(&server);
  test_consent_preferences_and_check_in(&server);
  test_journey_step_change(&server);
  test_inbox_and_watch(&server);
  test_calendar_feed(&server);
  test_events_and_classes(&server);
  test_privacy(&server);
  test_notification_preferences(&server);
  test_cache_answers_when_server_is_down(&server);
  stop_welkomd(&server);
  remove_server_dir(&server);
  printf("%d passed, %d failed\n", checks_passed, checks_failed);
  return checks_failed == 0 ? 0 : 1;
}
