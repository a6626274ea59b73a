// Client: the public face; every call hops onto the serial queue.
#include "welkom/client.h"

#include "client_impl.h"
#include "notification_watch.h"

namespace welkom::sdk {
namespace {

constexpr char kIdentity[] = "/welkom.v1.IdentityService/";

std::string IdentityMethod(const char* name) {
  return std::string(kIdentity) + name;
}

// Login and AcceptInvitation: both answer a session to keep. Changes that
// waited for a valid session go out right after.
template <typename Resp>
absl::StatusOr<v1::Member> SignIn(Client::Impl& impl, const char* name,
                                  const Message& req) {
  return impl.Run<absl::StatusOr<v1::Member>>(
      [&]() -> absl::StatusOr<v1::Member> {
        Resp resp;
        absl::Status s = impl.CallServer(IdentityMethod(name), req, &resp);
        if (s.ok()) s = impl.SetSession(resp.session());
        if (!s.ok()) return s;
        impl.Flush().IgnoreError();
        return resp.session().member();
      });
}

}  // namespace

Client::Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Client::~Client() = default;

absl::StatusOr<std::unique_ptr<Client>> Client::Open(ClientOptions options) {
  auto impl = Impl::Open(std::move(options));
  if (!impl.ok()) return impl.status();
  std::unique_ptr<Client> client(new Client(std::move(*impl)));
  // Changes left from the last run go out as soon as the server is there.
  if (client->impl_->options().sync_automatically) {
    Impl* i = client->impl_.get();
    i->Run<bool>([i] {
      i->Flush().IgnoreError();
      return true;
    });
  }
  return client;
}

absl::StatusOr<v1::Member> Client::Login(const std::string& email,
                                         const std::string& password) {
  v1::LoginRequest req;
  req.set_email(email);
  req.set_password(password);
  return SignIn<v1::LoginResponse>(*impl_, "Login", req);
}

absl::StatusOr<v1::Invitation> Client::GetInvitation(const std::string& code) {
  v1::GetInvitationRequest req;
  req.set_code(code);
  return impl_->Run<absl::StatusOr<v1::Invitation>>(
      [&]() -> absl::StatusOr<v1::Invitation> {
        v1::GetInvitationResponse resp;
        absl::Status s =
            impl_->CallServer(IdentityMethod("GetInvitation"), req, &resp);
        if (!s.ok()) return s;
        return resp.invitation();
      });
}

absl::StatusOr<v1::Member> Client::AcceptInvitation(
    const std::string& code, const std::string& password) {
  v1::AcceptInvitationRequest req;
  req.set_code(code);
  req.set_password(password);
  return SignIn<v1::AcceptInvitationResponse>(*impl_, "AcceptInvitation", req);
}

absl::Status Client::ChangePassword(const std::string& current_password,
                                    const std::string& new_password) {
  v1::ChangePasswordRequest req;
  req.set_current_password(current_password);
  req.set_new_password(new_password);
  return impl_->Run<absl::Status>([&]() -> absl::Status {
    v1::ChangePasswordResponse resp;
    return impl_->CallServer(IdentityMethod("ChangePassword"), req, &resp);
  });
}

absl::Status Client::Logout() {
  return impl_->Run<absl::Status>([&]() -> absl::Status {
    auto pending = impl_->outbox().Count();
    if (!pending.ok()) return pending.status();
    if (*pending > 0) {
      return absl::FailedPreconditionError(
          "changes are still waiting to be sent; Sync first");
    }
    v1::LogoutRequest req;
    v1::LogoutResponse resp;
    // Offline the session cannot be revoked now; forgetting it locally is
    // still what the user asked for.
    impl_->CallServer(IdentityMethod("Logout"), req, &resp).IgnoreError();
    return impl_->ClearSession();
  });
}

bool Client::signed_in() const {
  return impl_->Run<bool>([this] { return !impl_->token().empty(); });
}

absl::StatusOr<v1::WhoAmIResponse> Client::WhoAmI(Source source) {
  return impl_->Run<absl::StatusOr<v1::WhoAmIResponse>>(
      [&]() -> absl::StatusOr<v1::WhoAmIResponse> {
        v1::WhoAmIRequest req;
        v1::WhoAmIResponse resp;
        absl::Status s = impl_->ReadThrough(source, IdentityMethod("WhoAmI"),
                                            req, &resp, "whoami", "me");
        if (!s.ok()) return s;
        return resp;
      });
}

absl::Status Client::Sync() {
  return impl_->Run<absl::Status>([this] { return impl_->Flush(); });
}

absl::StatusOr<int64_t> Client::PendingChanges() {
  return impl_->Run<absl::StatusOr<int64_t>>(
      [this] { return impl_->outbox().Count(); });
}

bool Client::online() const {
  return impl_->Run<bool>([this] { return impl_->online(); });
}

absl::StatusOr<absl::Time> Client::CopyTime(Copy what) {
  const char* kind = "";
  switch (what) {
    case Copy::kJourney:
      kind = kJourneyKind;
      break;
    case Copy::kInbox:
      kind = kNotificationKind;
      break;
    case Copy::kEvents:
      kind = "event";
      break;
    case Copy::kClasses:
      kind = "course";
      break;
    case Copy::kPreferences:
      kind = kPreferencesKind;
      break;
    case Copy::kBuddyProfile:
      kind = kProfileKind;
      break;
    case Copy::kMatches:
      kind = kMatchKind;
      break;
  }
  using Result = absl::StatusOr<absl::Time>;
  return impl_->Run<Result>([&]() -> Result {
    auto at = impl_->documents().StoredAt(kind);
    if (!at.ok()) return at.status();
    if (!at->has_value()) return absl::NotFoundError("nothing cached");
    return **at;
  });
}

}  // namespace welkom::sdk
