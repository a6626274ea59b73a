/* File: welkomd_launcher.h
 * Starts the real welkomd (demo region seeded) on free loopback ports in a
 * fresh temporary directory, for the C test of the bridge. C, so the test
 * stays pure C. */
#ifndef WELKOM_MOBILE_BRIDGE_TESTS_WELKOMD_LAUNCHER_H_
#define WELKOM_MOBILE_BRIDGE_TESTS_WELKOMD_LAUNCHER_H_

#include <sys/types.h>

typedef struct launched_server {
  pid_t pid; /* -1 once stopped */
  int grpc_port;
  char dir[256];
  char newcomer_email[128];
  char newcomer_password[128];
  char newcomer_id[64];
} launched_server;

/* 0 once welkomd listens (within 30 s); -1 otherwise. */
int start_welkomd(const char* welkomd_path, launched_server* server);
/* SIGTERM and wait; does nothing if already stopped. */
void stop_welkomd(launched_server* server);
/* Deletes the temporary directory and what is in it. */
void remove_server_dir(const launched_server* server);

#endif /* WELKOM_MOBILE_BRIDGE_TESTS_WELKOMD_LAUNCHER_H_ */
