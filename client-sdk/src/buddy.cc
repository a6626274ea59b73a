// Client::BuddyPreferences, BuddyProfile, Matches and their changes. Reads
// are cached (one "buddy_preferences" / "buddy_profile" document, "match"
// documents by proposal time) and answer offline; changes need the server
// and carry a fresh request_id. An empty etag takes the cached one, so a
// change made meanwhile elsewhere is ABORTED rather than overwritten.
#include "absl/strings/str_cat.h"
#include "client_impl.h"
#include "welkom/v1/buddy.pb.h"

namespace welkom::sdk {
namespace {

constexpr char kService[] = "/welkom.v1.BuddyService/";
constexpr char kMine[] = "mine";

std::string Method(const char* name) { return absl::StrCat(kService, name); }

absl::Status FetchMatches(Client::Impl& impl) {
  std::vector<v1::Match> all;
  v1::ListMatchesRequest req;
  req.set_page_size(100);
  do {
    v1::ListMatchesResponse resp;
    absl::Status s = impl.CallServer(Method("ListMatches"), req, &resp);
    if (!s.ok()) return s;
    all.insert(all.end(), resp.matches().begin(), resp.matches().end());
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty() && all.size() < 500);
  return ReplaceCachedKind<v1::Match>(
      impl, kMatchKind, all, [](Client::Impl& i, const v1::Match& m) {
        return i.documents().Put(kMatchKind, m.match_id(),
                                 m.propose_time().seconds(), m);
      });
}

// A change whose answer replaces the cached document (kind, id).
template <typename Req, typename Resp>
absl::StatusOr<Resp> Change(Client::Impl& impl, const char* name, Req req,
                            const char* kind, const std::string& id) {
  return impl.Run<absl::StatusOr<Resp>>([&]() -> absl::StatusOr<Resp> {
    if (impl.token().empty())
      return absl::UnauthenticatedError("sign in first");
    req.set_request_id(impl.NewRequestId());
    Resp resp;
    absl::Status s = impl.CallServer(Method(name), req, &resp);
    if (!s.ok()) return s;
    if (s = impl.documents().Put(kind, id, 0, resp); !s.ok()) return s;
    return resp;
  });
}

// The cached etag of (kind, mine), or "" if nothing is cached.
template <typename M>
std::string CachedEtag(Client::Impl& impl, const char* kind) {
  M cached;
  auto found = impl.documents().Get(kind, kMine, &cached);
  return found.ok() && *found ? cached.etag() : "";
}

}  // namespace

absl::StatusOr<v1::NewcomerPreferences> Client::BuddyPreferences(
    Source source) {
  using Result = absl::StatusOr<v1::NewcomerPreferences>;
  return impl_->Run<Result>([&]() -> Result {
    v1::NewcomerPreferences out;
    absl::Status s = impl_->ReadThrough(source, Method("GetMyPreferences"),
                                        v1::GetMyPreferencesRequest(), &out,
                                        kPreferencesKind, kMine);
    if (!s.ok()) return s;
    return out;
  });
}

absl::StatusOr<v1::NewcomerPreferences> Client::SetBuddyPreferences(
    v1::NewcomerPreferences preferences) {
  if (preferences.etag().empty()) {
    preferences.set_etag(impl_->Run<std::string>([&] {
      return CachedEtag<v1::NewcomerPreferences>(*impl_, kPreferencesKind);
    }));
  }
  v1::SetMyPreferencesRequest req;
  *req.mutable_preferences() = std::move(preferences);
  return Change<v1::SetMyPreferencesRequest, v1::NewcomerPreferences>(
      *impl_, "SetMyPreferences", std::move(req), kPreferencesKind, kMine);
}

absl::StatusOr<v1::BuddyProfile> Client::BuddyProfile(Source source) {
  using Result = absl::StatusOr<v1::BuddyProfile>;
  return impl_->Run<Result>([&]() -> Result {
    v1::BuddyProfile out;
    absl::Status s = impl_->ReadThrough(source, Method("GetBuddyProfile"),
                                        v1::GetBuddyProfileRequest(), &out,
                                        kProfileKind, kMine);
    if (!s.ok()) return s;
    return out;
  });
}

absl::StatusOr<v1::BuddyProfile> Client::UpdateBuddyProfile(
    v1::BuddyProfile profile) {
  if (profile.etag().empty()) {
    profile.set_etag(impl_->Run<std::string>(
        [&] { return CachedEtag<v1::BuddyProfile>(*impl_, kProfileKind); }));
  }
  v1::UpdateBuddyProfileRequest req;
  *req.mutable_profile() = std::move(profile);
  return Change<v1::UpdateBuddyProfileRequest, v1::BuddyProfile>(
      *impl_, "UpdateBuddyProfile", std::move(req), kProfileKind, kMine);
}

absl::StatusOr<std::vector<v1::Match>> Client::Matches(Source source) {
  using Result = absl::StatusOr<std::vector<v1::Match>>;
  return impl_->Run<Result>([&]() -> Result {
    return ReadCachedKind<v1::Match>(*impl_, source, kMatchKind, FetchMatches);
  });
}

absl::StatusOr<v1::Match> Client::AnswerProposal(const std::string& match_id,
                                                 bool accept) {
  v1::AnswerProposalRequest req;
  req.set_match_id(match_id);
  req.set_accept(accept);
  return Change<v1::AnswerProposalRequest, v1::Match>(
      *impl_, "AnswerProposal", std::move(req), kMatchKind, match_id);
}

absl::StatusOr<v1::Match> Client::RequestRematch(const std::string& match_id) {
  v1::RequestRematchRequest req;
  req.set_match_id(match_id);
  return Change<v1::RequestRematchRequest, v1::Match>(
      *impl_, "RequestRematch", std::move(req), kMatchKind, match_id);
}

}  // namespace welkom::sdk
