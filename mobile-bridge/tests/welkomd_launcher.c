#define _GNU_SOURCE /* mkdtemp, nanosleep */
#include "welkomd_launcher.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int read_port(const char* path, const char* key) {
  FILE* f = fopen(path, "r");
  char line[128];
  int port = 0;
  size_t key_len = strlen(key);
  if (f == NULL) return 0;
  while (fgets(line, sizeof line, f) != NULL) {
    if (strncmp(line, key, key_len) == 0) port = atoi(line + key_len);
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
  while (fgets(line, sizeof line, f) != NULL) {
    char* fields[6];
    char* save = NULL;
    int n = 0;
    char* tok = strtok_r(line, "\t\n", &save);
    while (tok != NULL && n < 6) {
      fields[n++] = tok;
      tok = strtok_r(NULL, "\t\n", &save);
    }
    if (n == 6 && strcmp(fields[0], "hr") == 0 && server->hr_email[0] == 0) {
      snprintf(server->hr_email, sizeof server->hr_email, "%s", fields[1]);
      snprintf(server->hr_password, sizeof server->hr_password, "%s",
               fields[2]);
    }
    if (n == 6 && strcmp(fields[0], "newcomer") == 0 && found != 0) {
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
          "--http-listen=127.0.0.1:0", port_flag, "--demo", (char*)NULL);
    _exit(127);
  }
  for (waited_ms = 0; waited_ms < 30000; waited_ms += 20) {
    struct timespec pause = {0, 20 * 1000 * 1000};
    server->grpc_port = read_port(ports, "grpc=");
    server->http_port = read_port(ports, "http=");
    if (server->grpc_port > 0 && server->http_port > 0)
      return read_newcomer(accounts, server);
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

/* One POST of a JSON body to welkomd's HTTP port (HTTP/1.0, so the server
 * closes the connection after the answer); the response body into `out`.
 * 0 for a 200 answer. */
static int post_json(int port, const char* path, const char* token,
                     const char* body, char* out, size_t out_size) {
  char request[2048];
  char auth[400] = "";
  char answer[8192];
  size_t got = 0;
  ssize_t n;
  struct sockaddr_in addr;
  const char* start;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t)port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr*)&addr, sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  if (token != NULL) {
    snprintf(auth, sizeof auth, "Authorization: Bearer %s\r\n", token);
  }
  snprintf(request, sizeof request,
           "POST %s HTTP/1.0\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/json\r\n%sContent-Length: %zu\r\n\r\n%s",
           path, auth, strlen(body), body);
  if (write(fd, request, strlen(request)) != (ssize_t)strlen(request)) {
    close(fd);
    return -1;
  }
  while (got + 1 < sizeof answer &&
         (n = read(fd, answer + got, sizeof answer - 1 - got)) > 0) {
    got += (size_t)n;
  }
  close(fd);
  answer[got] = 0;
  start = strstr(answer, "\r\n\r\n");
  if (start == NULL) return -1;
  snprintf(out, out_size, "%s", start + 4);
  return strncmp(answer, "HTTP/1.1 200", 12) == 0 ||
                 strncmp(answer, "HTTP/1.0 200", 12) == 0
             ? 0
             : -1;
}

/* The string value of "key":"..." in a JSON text (no escapes in the values
 * looked up here: tokens and codes are URL-safe base64). */
static int json_string(const char* json, const char* key, char* out,
                       size_t out_size) {
  char pattern[64];
  const char* at;
  const char* end;
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  at = strstr(json, pattern);
  if (at == NULL) return -1;
  at += strlen(pattern);
  end = strchr(at, '"');
  if (end == NULL || (size_t)(end - at) >= out_size) return -1;
  memcpy(out, at, (size_t)(end - at));
  out[end - at] = 0;
  return 0;
}

int invite_newcomer(const launched_server* server, const char* email,
                    char* code, size_t code_size) {
  char body[1024];
  char answer[8192];
  char token[256];
  snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}",
           server->hr_email, server->hr_password);
  if (post_json(server->http_port, "/welkom.v1.IdentityService/Login", NULL,
                body, answer, sizeof answer) != 0 ||
      json_string(answer, "token", token, sizeof token) != 0) {
    return -1;
  }
  snprintf(body, sizeof body,
           "{\"role\":\"ROLE_NEWCOMER\",\"email\":\"%s\","
           "\"displayName\":\"Bridge Tester\"}",
           email);
  if (post_json(server->http_port,
                "/welkom.v1.IdentityService/CreateInvitation", token, body,
                answer, sizeof answer) != 0) {
    return -1;
  }
  return json_string(answer, "code", code, code_size);
}
