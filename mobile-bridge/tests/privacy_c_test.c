/* The bridge's invitation preview, export and erasure from pure C against
 * the real welkomd the C test started. */
#include <string.h>

#include "c_check.h"
#include "proto_reader.h"

/* welkom.v1.ErasureStatus: state = 1 (ERASURE_STATE_NONE 1, SCHEDULED 2). */
static uint64_t erasure_state(const welkom_buffer* status) {
  uint64_t state = 0;
  const uint8_t* p = welkom_buffer_data(status);
  if (!find_field(p, p + welkom_buffer_size(status), 1, &state, NULL, NULL)) {
    return 0;
  }
  return state;
}

void test_privacy(const launched_server* server) {
  char code[128];
  welkom_error err;
  welkom_buffer* b;
  welkom_client* client = open_client_at(server, "c-privacy.db");
  CHECK(invite_newcomer(server, "c.privacy@example.org", code, sizeof code) ==
        0);
  err.code = WELKOM_OK;
  CHECK(welkom_client_get_invitation(client, "no-such-code", &err) == NULL);
  CHECK(err.code == WELKOM_NOT_FOUND);
  CHECK(welkom_client_get_invitation(client, NULL, &err) == NULL);
  CHECK(err.code == WELKOM_INVALID_ARGUMENT);
  b = welkom_client_get_invitation(client, code, &err);
  CHECK(buffer_has(b, "c.privacy@example.org"));
  welkom_buffer_free(b);
  b = welkom_client_accept_invitation(client, code, "a good long password",
                                      &err);
  CHECK(b != NULL);
  welkom_buffer_free(b);

  b = welkom_client_export_my_data(client, &err);
  CHECK(buffer_has(b, "\"email\": \"c.privacy@example.org\""));
  CHECK(buffer_has(b, "\"sessions\""));
  welkom_buffer_free(b);

  b = welkom_client_request_erasure(client, &err);
  CHECK(b != NULL && erasure_state(b) == 2);
  welkom_buffer_free(b);
  b = welkom_client_get_erasure_status(client, &err);
  CHECK(b != NULL && erasure_state(b) == 2);
  welkom_buffer_free(b);
  b = welkom_client_cancel_erasure(client, &err);
  CHECK(b != NULL && erasure_state(b) == 1);
  welkom_buffer_free(b);
  CHECK(welkom_client_cancel_erasure(client, &err) == NULL);
  CHECK(err.code == WELKOM_FAILED_PRECONDITION);
  CHECK(welkom_client_logout(client, &err));
  welkom_client_free(client);
}
