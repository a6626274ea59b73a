/* The bridge's notification preferences from pure C against the real
 * welkomd the C test started: read them, turn one kind off, and the
 * server's refusals. The request is written in protobuf's wire format by
 * hand, as a C app without a protobuf library would. */
#include <string.h>

#include "c_check.h"
#include "proto_reader.h"

/* The delivery (field 3) of `kind` in a welkom.v1.NotificationPreferences;
 * -1 when the kind is not in it. */
static int64_t delivery_of(const welkom_buffer* prefs, const char* kind) {
  const uint8_t* item;
  size_t size;
  int n;
  for (n = 0; nth_item(prefs, n, &item, &size); ++n) {
    const uint8_t* name;
    size_t name_size;
    uint64_t delivery = 0;
    if (!find_field(item, item + size, 1, NULL, &name, &name_size)) continue;
    if (name_size != strlen(kind) || memcmp(name, kind, name_size) != 0) {
      continue;
    }
    find_field(item, item + size, 3, &delivery, NULL, NULL);
    return (int64_t)delivery;
  }
  return -1;
}

/* SetNotificationPreferencesRequest{preferences: [{kind, delivery}]} in
 * `out` (at least 64 bytes); returns its size. `kind` is under 60 bytes. */
static size_t one_change(const char* kind, int delivery, uint8_t* out) {
  size_t k = strlen(kind);
  out[0] = 0x0a; /* field 1, bytes: the preference */
  out[1] = (uint8_t)(2 + k + 2);
  out[2] = 0x0a; /* field 1, bytes: kind */
  out[3] = (uint8_t)k;
  memcpy(out + 4, kind, k);
  out[4 + k] = 0x18; /* field 3, varint: delivery */
  out[5 + k] = (uint8_t)delivery;
  return 6 + k;
}

void test_notification_preferences(const launched_server* server) {
  char code[128];
  uint8_t request[64];
  size_t size;
  welkom_error err;
  welkom_buffer* b;
  welkom_client* client = open_client_at(server, "c-prefs.db");
  CHECK(invite_newcomer(server, "c.prefs@example.org", code, sizeof code) == 0);
  b = welkom_client_accept_invitation(client, code, "a good long password",
                                      &err);
  CHECK(b != NULL);
  welkom_buffer_free(b);

  b = welkom_client_notification_preferences(client, &err);
  CHECK(b != NULL);
  CHECK(delivery_of(b, "event_cancelled") == 1); /* IMMEDIATE */
  welkom_buffer_free(b);

  size = one_change("event_cancelled", 3, request); /* OFF */
  b = welkom_client_set_notification_preferences(client, request, size, &err);
  CHECK(b != NULL);
  CHECK(delivery_of(b, "event_cancelled") == 3);
  CHECK(delivery_of(b, "step_due") == 1);
  welkom_buffer_free(b);

  size = one_change("no_such_kind", 3, request);
  CHECK(welkom_client_set_notification_preferences(client, request, size,
                                                   &err) == NULL);
  CHECK(err.code == WELKOM_INVALID_ARGUMENT);
  CHECK(strstr(err.message, "preferences[0].kind") != NULL);
  request[0] = 0xff; /* not a message */
  CHECK(welkom_client_set_notification_preferences(client, request, 3, &err) ==
        NULL);
  CHECK(err.code == WELKOM_INVALID_ARGUMENT);
  b = welkom_client_notification_preferences(client, &err);
  CHECK(delivery_of(b, "event_cancelled") == 3);
  welkom_buffer_free(b);
  CHECK(welkom_client_logout(client, &err));
  welkom_client_free(client);
}
