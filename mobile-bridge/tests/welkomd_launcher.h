/* File: welkomd_launcher.h
 * Starts the real welkomd (demo region seeded) on free loopback ports in a
 * fresh temporary directory, for the C test of the bridge. C, so the test
 * stays pure C. */
#ifndef WELKOM_MOBILE_BRIDGE_TESTS_WELKOMD_LAUNCHER_H_
#define WELKOM_MOBILE_BRIDGE_TESTS_WELKOMD_LAUNCHER_H_

#include <stddef.h>
#include <sys/types.h>

typedef struct launched_server {
  pid_t pid; /* -1 once stopped */
  int grpc_port;
  int http_port;
  char dir[256];
  char newcomer_email[128];
  char newcomer_password[128];
  char newcomer_id[64];
  char hr_email[128]; /* the first demo HR account */
  char hr_password[128];
} launched_server;

/* 0 once welkomd listens (within 30 s); -1 otherwise. */
int start_welkomd(const char* welkomd_path, launched_server* server);
/* Signs in as the demo HR account over welkomd's HTTP/JSON port and invites
 * a newcomer with `email`; writes the one-time invitation code into `code`.
 * 0 on success, -1 otherwise. */
int invite_newcomer(const launched_server* server, const char* email,
                    char* code, size_t code_size);
/* SIGTERM and wait; does nothing if already stopped. */
void stop_welkomd(launched_server* server);
/* Deletes the temporary directory and what is in it. */
void remove_server_dir(const launched_server* server);

#endif /* WELKOM_MOBILE_BRIDGE_TESTS_WELKOMD_LAUNCHER_H_ */
