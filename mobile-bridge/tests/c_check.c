#define _GNU_SOURCE /* memmem */
#include "c_check.h"

#include <string.h>

int checks_passed = 0, checks_failed = 0;

welkom_client* open_client_at(const launched_server* server,
                              const char* cache_name) {
  char target[64];
  char cache[512];
  welkom_error err;
  welkom_options* options = welkom_options_new();
  welkom_client* client;
  snprintf(target, sizeof target, "127.0.0.1:%d", server->grpc_port);
  snprintf(cache, sizeof cache, "%s/%s", server->dir, cache_name);
  welkom_options_set_target(options, target);
  welkom_options_set_cache_path(options, cache);
  client = welkom_client_open(options, &err);
  welkom_options_free(options);
  return client;
}

int buffer_has(const welkom_buffer* b, const char* text) {
  return b != NULL && memmem(welkom_buffer_data(b), welkom_buffer_size(b), text,
                             strlen(text)) != NULL;
}
