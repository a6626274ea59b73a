/* The C ABI from pure C (compiled as C99 with -pedantic -Werror, which also
 * proves welkom.h is C) against a real welkomd that this program starts. */
#define _GNU_SOURCE /* memmem */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "welkom.h"
#include "welkomd_launcher.h"

static int passed = 0, failed = 0;

#define CHECK(cond)                                               \
  do {                                                            \
    if (cond) {                                                   \
      ++passed;                                                   \
    } else {                                                      \
      ++failed;                                                   \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,      \
              __LINE__, #cond);                                   \
    }                                                             \
  } while (0)

static welkom_client* open_client(const launched_server* server) {
  char target[64];
  char cache[512];
  welkom_error err;
  welkom_options* options = welkom_options_new();
  welkom_client* client;
  snprintf(target, sizeof target, "127.0.0.1:%d", server->grpc_port);
  snprintf(cache, sizeof cache, "%s/c-cache.db", server->dir);
  welkom_options_set_target(options, target);
  welkom_options_set_cache_path(options, cache);
  client = welkom_client_open(options, &err);
  welkom_options_free(options);
  return client;
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
  test_cache_answers_when_server_is_down(&server);
  stop_welkomd(&server);
  remove_server_dir(&server);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
