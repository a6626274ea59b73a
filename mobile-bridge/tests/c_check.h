/* File: c_check.h
 * What the bridge's C test files share: CHECK (counts, and prints the
 * failing condition), a client on the launched welkomd with its own cache
 * file, and a look for a string in a returned buffer. Pure C99. */
#ifndef WELKOM_MOBILE_BRIDGE_TESTS_C_CHECK_H_
#define WELKOM_MOBILE_BRIDGE_TESTS_C_CHECK_H_

#include <stdio.h>

#include "welkom.h"
#include "welkomd_launcher.h"

extern int checks_passed, checks_failed;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond) {                                                                \
      ++checks_passed;                                                         \
    } else {                                                                   \
      ++checks_failed;                                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

/* A client of `server` whose cache is `cache_name` in the server's
 * directory. */
welkom_client* open_client_at(const launched_server* server,
                              const char* cache_name);
/* Whether `b` (may be NULL) holds the bytes of `text`. */
int buffer_has(const welkom_buffer* b, const char* text);

/* privacy_c_test.c: the invitation preview, the export and the erasure. */
void test_privacy(const launched_server* server);
/* notification_preferences_c_test.c: read and set, and the refusals. */
void test_notification_preferences(const launched_server* server);

#endif /* WELKOM_MOBILE_BRIDGE_TESTS_C_CHECK_H_ */
