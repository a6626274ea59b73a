#define _GNU_SOURCE /* mkdtemp, nanosleep */
#include "welkomd_launcher.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int read_port(const char* path) {
  FILE* f = fopen(path, "r");
  char line[128];
  int port = 0;
  if (f == NULL) return 0;
  while (fgets(line, sizeof line, f) != NULL) {
    if (strncmp(line, "grpc=", 5) == 0) port = atoi(line + 5);
  }
  fclose(f);
  return port;
}

/* Tab-separated: role email password organisation user_id org_id. */
static int read_newcomer(const char* path, launched_server* server) {
  FILE* f = fopen(path, "r");
  char line[1024];
  int found = -1;
  if (f == NULL) return -1;
  while (found != 0 && fgets(line, sizeof line, f) != NULL) {
    char* fields[6];
    char* save = NULL;
    int n = 0;
    char* tok = strtok_r(line, "\t\n", &save);
    while (tok != NULL && n < 6) {
      fields[n++] = tok;
      tok = strtok_r(NULL, "\t\n", &save);
    }
    if (n == 6 && strcmp(fields[0], "newcomer") == 0) {
      snprintf(server->newcomer_email, sizeof server->newcomer_email, "%s",
               fields[1]);
      snprintf(server->newcomer_password, sizeof server->newcomer_password,
               "%s", fields[2]);
      snprintf(server->newcomer_id, sizeof server->newcomer_id, "%s",
               fields[4]);
      found = 0;
    }
  }
  fclose(f);
  return found;
}

int start_welkomd(const char* welkomd_path, launched_server* server) {
  char db[300], ports[300], accounts[300], log[300];
  int waited_ms;
  memset(server, 0, sizeof *server);
  server->pid = -1;
  snprintf(server->dir, sizeof server->dir, "/tmp/welkom-c-test-XXXXXX");
  if (mkdtemp(server->dir) == NULL) return -1;
  snprintf(db, sizeof db, "--db=%s/welkom.db", server->dir);
  snprintf(ports, sizeof ports, "%s/ports", server->dir);
  snprintf(accounts, sizeof accounts, "%s/demo-accounts.txt", server->dir);
  snprintf(log, sizeof log, "%s/stderr.txt", server->dir);
  server->pid = fork();
  if (server->pid < 0) return -1;
  if (server->pid == 0) {
    char port_flag[320];
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    snprintf(port_flag, sizeof port_flag, "--port-file=%s", ports);
    dup2(fd, 1);
    dup2(fd, 2);
    execl(welkomd_path, welkomd_path, db, "--grpc-listen=127.0.0.1:0",
          "--http-listen=", port_flag, "--demo", (char*)NULL);
    _exit(127);
  }
  for (waited_ms = 0; waited_ms < 30000; waited_ms += 20) {
    struct timespec pause = {0, 20 * 1000 * 1000};
    server->grpc_port = read_port(ports);
    if (server->grpc_port > 0) return read_newcomer(accounts, server);
    if (waitpid(server->pid, NULL, WNOHANG) == server->pid) {
      server->pid = -1;
      return -1;
    }
    nanosleep(&pause, NULL);
  }
  stop_welkomd(server);
  return -1;
}

void stop_welkomd(launched_server* server) {
  if (server->pid <= 0) return;
  kill(server->pid, SIGTERM);
  waitpid(server->pid, NULL, 0);
  server->pid = -1;
}

void remove_server_dir(const launched_server* server) {
  DIR* d = opendir(server->dir);
  struct dirent* e;
  char path[600];
  if (d == NULL) return;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    snprintf(path, sizeof path, "%s/%s", server->dir, e->d_name);
    unlink(path);
  }
  closedir(d);
  rmdir(server->dir);
}
