#include "tests/support/smtp_sink.h"

#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace welkom::testing {
namespace {

[[noreturn]] void Die(const std::string& why) {
  std::fprintf(stderr, "smtp_sink: %s\n", why.c_str());
  std::abort();
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    Die("bind failed");
  }
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Field(const google::protobuf::Struct& s, const std::string& key) {
  auto it = s.fields().find(key);
  return it == s.fields().end() ? "" : it->second.string_value();
}

}  // namespace

std::unique_ptr<SmtpSink> SmtpSink::Start() {
  std::unique_ptr<SmtpSink> sink(new SmtpSink());
  char tmpl[] = "/tmp/welkom-smtp-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) Die("mkdtemp failed");
  sink->dir_ = tmpl;
  sink->port_ = FreePort();
  sink->Launch();
  return sink;
}

void SmtpSink::Launch() {
  std::filesystem::remove(dir_ + "/ready");
  pid_ = fork();
  if (pid_ < 0) Die("fork failed");
  if (pid_ == 0) {
    std::string port = std::to_string(port_);
    // Debian's interpreter, where python3-aiosmtpd is installed (not a
    // python3 of pyenv or a virtualenv earlier on the PATH).
    const char* python = getenv("DEBIAN_PYTHON3");
    if (python == nullptr) python = "/usr/bin/python3";
    execl(python, python, SMTP_SINK_PY, "--port", port.c_str(), "--dir",
          dir_.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (!std::filesystem::exists(dir_ + "/ready")) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      Die("smtp_sink.py exited (is python3-aiosmtpd installed? "
          "deploy/install-deps.sh)");
    }
    if (absl::Now() > deadline) Die("smtp_sink.py did not start in 30 s");
    absl::SleepFor(absl::Milliseconds(20));
  }
}

void SmtpSink::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

void SmtpSink::Restart() {
  Stop();
  Launch();
}

SmtpSink::~SmtpSink() {
  Stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string SmtpSink::url() const {
  return "smtp://127.0.0.1:" + std::to_string(port_);
}

std::vector<ReceivedMail> SmtpSink::Mails() const {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 5 && name.substr(name.size() - 5) == ".json") {
      names.push_back(name.substr(0, name.size() - 5));
    }
  }
  std::sort(names.begin(), names.end());
  std::vector<ReceivedMail> out;
  for (const std::string& name : names) {
    google::protobuf::Struct s;
    if (!google::protobuf::util::JsonStringToMessage(
             ReadAll(dir_ + "/" + name + ".json"), &s)
             .ok()) {
      Die("unreadable " + name + ".json");
    }
    ReceivedMail m;
    m.raw = ReadAll(dir_ + "/" + name + ".eml");
    for (const auto& v : s.fields().at("rcpt_tos").list_value().values()) {
      m.rcpt_tos.push_back(v.string_value());
    }
    m.from = Field(s, "from");
    m.to = Field(s, "to");
    m.subject = Field(s, "subject");
    m.message_id = Field(s, "message_id");
    m.date = Field(s, "date");
    m.date_unix = s.fields().at("date_unix").number_value();
    m.list_unsubscribe = Field(s, "list_unsubscribe");
    m.list_unsubscribe_post = Field(s, "list_unsubscribe_post");
    m.content_type = Field(s, "content_type");
    m.mime_version = Field(s, "mime_version");
    m.text = Field(s, "plain");
    m.text_charset = Field(s, "plain_charset");
    m.html = Field(s, "html");
    m.html_charset = Field(s, "html_charset");
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<ReceivedMail> SmtpSink::WaitForMails(size_t n,
                                                 absl::Duration timeout) const {
  absl::Time deadline = absl::Now() + timeout;
  std::vector<ReceivedMail> mails = Mails();
  while (mails.size() < n && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
    mails = Mails();
  }
  return mails;
}

std::string FindLink(const std::string& text, const std::string& prefix) {
  size_t at = text.find(prefix);
  if (at == std::string::npos) return "";
  size_t end = text.find_first_of(" \r\n\t\"<>", at);
  return text.substr(at,
                     end == std::string::npos ? std::string::npos : end - at);
}

}  // namespace welkom::testing
