#include "server/api/buddy/buddy_service.h"

#include "absl/strings/str_cat.h"
#include "server/api/buddy/buddy_input.h"
#include "server/api/buddy/buddy_view.h"
#include "server/auth/policy.h"
#include "server/base/etag.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"
#include "server/flows/buddy_flow.h"
#include "server/rpc/validation.h"
#include "server/store/buddy_store.h"
#include "server/store/identity_store.h"

namespace welkom::api {
namespace {

constexpr char kGetProfile[] = "/welkom.v1.BuddyService/GetBuddyProfile";
constexpr char kUpdateProfile[] = "/welkom.v1.BuddyService/UpdateBuddyProfile";
constexpr char kListBuddies[] = "/welkom.v1.BuddyService/ListBuddies";
constexpr char kGetPrefs[] = "/welkom.v1.BuddyService/GetMyPreferences";
constexpr char kSetPrefs[] = "/welkom.v1.BuddyService/SetMyPreferences";
constexpr char kRunMatching[] = "/welkom.v1.BuddyService/RunMatching";
constexpr char kListMatches[] = "/welkom.v1.BuddyService/ListMatches";
constexpr char kAnswer[] = "/welkom.v1.BuddyService/AnswerProposal";
constexpr char kRematch[] = "/welkom.v1.BuddyService/RequestRematch";
constexpr char kOverride[] = "/welkom.v1.BuddyService/OverrideMatch";

auth::MatchAccess AccessOf(const store::MatchRow& m) {
  return MatchAccessOf(m);
}

// The match `id` if the caller may see it; NOT_FOUND otherwise.
absl::StatusOr<store::MatchRow> LoadVisibleMatch(rpc::Call& call,
                                                 const std::string& id) {
  if (id.empty()) return absl::InvalidArgumentError("match_id: is required");
  absl::StatusOr<store::MatchRow> m = store::GetMatch(*call.conn, id);
  if (m.ok() && !auth::CanSeeMatch(*call.principal, AccessOf(*m))) {
    return absl::NotFoundError("match not found");
  }
  return m;
}

// The match `id` if the caller may answer its proposal; NOT_FOUND otherwise.
absl::StatusOr<store::MatchRow> LoadAnswerableMatch(rpc::Call& call,
                                                    const std::string& id) {
  WELKOM_ASSIGN_OR_RETURN(store::MatchRow m, LoadVisibleMatch(call, id));
  if (!auth::CanAnswerProposal(*call.principal, AccessOf(m))) {
    return absl::NotFoundError("match not found");
  }
  return m;
}

// The match `id` if the caller may end it; NOT_FOUND otherwise.
absl::StatusOr<store::MatchRow> LoadEndableMatch(rpc::Call& call,
                                                 const std::string& id) {
  WELKOM_ASSIGN_OR_RETURN(store::MatchRow m, LoadVisibleMatch(call, id));
  if (!auth::CanEndMatch(*call.principal, AccessOf(m))) {
    return absl::NotFoundError("match not found");
  }
  return m;
}

// OverrideMatch's access: both sides in the advisor's region. NOT_FOUND
// for either side of another region, as for one that does not exist.
absl::Status CheckProposeByHand(rpc::Call& call,
                                const v1::OverrideMatchRequest& req) {
  if (req.newcomer_id().empty()) {
    return absl::InvalidArgumentError("newcomer_id: is required");
  }
  if (req.buddy_id().empty()) {
    return absl::InvalidArgumentError("buddy_id: is required");
  }
  auto region_of_user = [&](const std::string& id,
                            int role) -> absl::StatusOr<std::string> {
    absl::StatusOr<store::UserRow> user = store::GetUser(*call.conn, id);
    if (absl::IsNotFound(user.status())) return std::string();
    if (!user.ok()) return user.status();
    if (user->role != role) return std::string();
    return store::RegionOf(*call.conn, user->org_id);
  };
  WELKOM_ASSIGN_OR_RETURN(std::string newcomer_region,
                          region_of_user(req.newcomer_id(), v1::ROLE_NEWCOMER));
  WELKOM_ASSIGN_OR_RETURN(std::string buddy_region,
                          region_of_user(req.buddy_id(), v1::ROLE_BUDDY));
  if (!auth::InRegion(*call.principal, newcomer_region)) {
    return absl::NotFoundError("newcomer_id: no such newcomer");
  }
  if (!auth::CanProposeMatch(*call.principal, newcomer_region, buddy_region)) {
    return absl::NotFoundError("buddy_id: no such buddy");
  }
  return absl::OkStatus();
}

absl::Status DoUpdateProfile(rpc::Call& call,
                             const v1::UpdateBuddyProfileRequest& req,
                             v1::BuddyProfile* resp) {
  const std::string& me = call.principal->user_id;
  WELKOM_ASSIGN_OR_RETURN(store::BuddyProfileRow row,
                          store::GetBuddyProfile(*call.conn, me));
  WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> etag,
                          ParseEtag("profile.etag", req.profile().etag()));
  const int64_t expected = etag.value_or(row.version);
  WELKOM_RETURN_IF_ERROR(
      BuddyProfileFromProto(*call.conn, req.profile(), &row));
  row.updated_at = call.now_seconds;
  WELKOM_RETURN_IF_ERROR(store::UpdateBuddyProfile(*call.conn, row, expected));
  WELKOM_ASSIGN_OR_RETURN(row, store::GetBuddyProfile(*call.conn, me));
  ToProto(row, resp);
  return absl::OkStatus();
}

absl::Status DoListBuddies(rpc::Call& call, const v1::ListBuddiesRequest& req,
                           v1::ListBuddiesResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size()));
  WELKOM_ASSIGN_OR_RETURN(std::string after,
                          rpc::DecodePageToken(req.page_token()));
  WELKOM_ASSIGN_OR_RETURN(
      std::vector<store::BuddyProfileRow> rows,
      store::ListBuddyProfiles(*call.conn, auth::BuddyPoolOf(*call.principal),
                               after, size + 1));
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(size); ++i) {
    ToProto(rows[i], resp->add_buddies());
  }
  if (rows.size() > static_cast<size_t>(size)) {
    resp->set_next_page_token(rpc::EncodePageToken(rows[size - 1].user_id));
  }
  return absl::OkStatus();
}

absl::Status DoGetPreferences(rpc::Call& call, v1::NewcomerPreferences* resp) {
  const std::string& me = call.principal->user_id;
  WELKOM_ASSIGN_OR_RETURN(std::optional<store::PreferencesRow> row,
                          store::GetPreferences(*call.conn, me));
  if (row.has_value()) {
    ToProto(*row, resp);
  } else {
    resp->set_newcomer_id(me);
  }
  return absl::OkStatus();
}

absl::Status DoSetPreferences(rpc::Call& call,
                              const v1::SetMyPreferencesRequest& req,
                              v1::NewcomerPreferences* resp) {
  const std::string& me = call.principal->user_id;
  WELKOM_ASSIGN_OR_RETURN(std::optional<store::PreferencesRow> stored,
                          store::GetPreferences(*call.conn, me));
  WELKOM_ASSIGN_OR_RETURN(
      std::optional<int64_t> etag,
      ParseEtag("preferences.etag", req.preferences().etag()));
  int64_t expected = etag.value_or(0);
  if (!etag.has_value() && stored.has_value()) expected = stored->version;
  store::PreferencesRow row;
  row.user_id = me;
  WELKOM_RETURN_IF_ERROR(
      PreferencesFromProto(*call.conn, req.preferences(), &row));
  row.updated_at = call.now_seconds;
  WELKOM_RETURN_IF_ERROR(store::PutPreferences(*call.conn, row, expected));
  return DoGetPreferences(call, resp);
}

absl::Status DoListMatches(rpc::Call& call, const v1::ListMatchesRequest& req,
                           v1::ListMatchesResponse* resp) {
  WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size(), 50, 100));
  WELKOM_ASSIGN_OR_RETURN(std::string after,
                          rpc::DecodePageToken(req.page_token()));
  if (req.state() != v1::MATCH_STATE_UNSPECIFIED) {
    WELKOM_RETURN_IF_ERROR(
        rpc::RequireEnum("state", v1::MatchState_descriptor(), req.state()));
  }
  const auth::Principal& p = *call.principal;
  store::MatchFilter filter;
  filter.state = req.state();
  if (p.role == v1::ROLE_NEWCOMER) filter.newcomer_id = p.user_id;
  if (p.role == v1::ROLE_BUDDY) filter.buddy_id = p.user_id;
  if (p.role == v1::ROLE_ADVISOR) filter.region_id = auth::BuddyPoolOf(p);
  WELKOM_ASSIGN_OR_RETURN(
      std::vector<store::MatchRow> rows,
      store::ListMatches(*call.conn, filter, after, size + 1));
  for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(size); ++i) {
    if (!auth::CanSeeMatch(p, AccessOf(rows[i]))) continue;
    WELKOM_RETURN_IF_ERROR(
        ToProtoMatch(*call.conn, p, rows[i], resp->add_matches()));
  }
  if (rows.size() > static_cast<size_t>(size)) {
    resp->set_next_page_token(rpc::EncodePageToken(rows[size - 1].id));
  }
  return absl::OkStatus();
}

}  // namespace

BuddyService::BuddyService(rpc::Dispatcher* dispatcher,
                           flows::NotificationFanout* fanout)
    : dispatcher_(dispatcher), fanout_(fanout) {
  rpc::Dispatcher& d = *dispatcher;
  d.Register<v1::GetBuddyProfileRequest, v1::BuddyProfile>(
      kGetProfile, rpc::Mode::kRead,
      [](rpc::Call& call, const auto&, v1::BuddyProfile* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(
            store::BuddyProfileRow row,
            store::GetBuddyProfile(*call.conn, call.principal->user_id));
        ToProto(row, resp);
        return absl::OkStatus();
      });
  d.Register<v1::UpdateBuddyProfileRequest, v1::BuddyProfile>(
      kUpdateProfile, rpc::Mode::kWrite, DoUpdateProfile);
  d.Register<v1::ListBuddiesRequest, v1::ListBuddiesResponse>(
      kListBuddies, rpc::Mode::kRead, DoListBuddies);
  d.Register<v1::GetMyPreferencesRequest, v1::NewcomerPreferences>(
      kGetPrefs, rpc::Mode::kRead,
      [](rpc::Call& call, const auto&, v1::NewcomerPreferences* resp) {
        return DoGetPreferences(call, resp);
      });
  d.Register<v1::SetMyPreferencesRequest, v1::NewcomerPreferences>(
      kSetPrefs, rpc::Mode::kWrite, DoSetPreferences);
  d.Register<v1::ListMatchesRequest, v1::ListMatchesResponse>(
      kListMatches, rpc::Mode::kRead, DoListMatches);
  // The caller's own profile and preferences: the session decides.
  d.SetReplayGuard(kUpdateProfile, &rpc::Dispatcher::MethodRuleDecides);
  d.SetReplayGuard(kSetPrefs, &rpc::Dispatcher::MethodRuleDecides);
  RegisterMatchMethods();
}

void BuddyService::RegisterMatchMethods() {
  rpc::Dispatcher& d = *dispatcher_;
  d.Register<v1::RunMatchingRequest, v1::RunMatchingResponse>(
      kRunMatching, rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto&, auto* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(
            flows::MatchingRound round,
            flows::ProposeMatches(*call.conn, call.now_seconds,
                                  call.principal->user_id,
                                  auth::BuddyPoolOf(*call.principal)));
        for (const store::MatchRow& m : round.proposals) {
          WELKOM_RETURN_IF_ERROR(ToProtoMatch(*call.conn, *call.principal, m,
                                              resp->add_proposals()));
        }
        resp->set_unmatched_newcomers(round.unmatched_newcomers);
        resp->set_total_affinity(round.total_affinity);
        Log(LogLevel::kInfo, "buddy_matching_run",
            {{"proposals", absl::StrCat(round.proposals.size())},
             {"unmatched", absl::StrCat(round.unmatched_newcomers)}});
        Wake();
        return absl::OkStatus();
      });
  d.Register<v1::AnswerProposalRequest, v1::Match>(
      kAnswer, rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req,
             v1::Match* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(store::MatchRow m,
                                LoadAnswerableMatch(call, req.match_id()));
        WELKOM_ASSIGN_OR_RETURN(
            m, flows::AnswerProposal(*call.conn, m, req.accept(),
                                     call.now_seconds));
        Wake();
        return ToProtoMatch(*call.conn, *call.principal, m, resp);
      });
  d.Register<v1::RequestRematchRequest, v1::Match>(
      kRematch, rpc::Mode::kWrite,
      [](rpc::Call& call, const auto& req, v1::Match* resp) -> absl::Status {
        WELKOM_ASSIGN_OR_RETURN(store::MatchRow m,
                                LoadEndableMatch(call, req.match_id()));
        WELKOM_ASSIGN_OR_RETURN(m,
                                flows::EndMatch(*call.conn, m, call.now_seconds,
                                                call.principal->user_id));
        return ToProtoMatch(*call.conn, *call.principal, m, resp);
      });
  d.Register<v1::OverrideMatchRequest, v1::Match>(
      kOverride, rpc::Mode::kWrite,
      [this](rpc::Call& call, const auto& req,
             v1::Match* resp) -> absl::Status {
        WELKOM_RETURN_IF_ERROR(CheckProposeByHand(call, req));
        WELKOM_ASSIGN_OR_RETURN(
            store::MatchRow m,
            flows::ProposeByHand(*call.conn, req.newcomer_id(), req.buddy_id(),
                                 call.now_seconds, call.principal->user_id));
        Wake();
        return ToProtoMatch(*call.conn, *call.principal, m, resp);
      });
  // Replays answer under today's access decision, as a new call would.
  d.SetReplayGuard(kRunMatching, &rpc::Dispatcher::MethodRuleDecides);
  d.SetReplayGuard<v1::AnswerProposalRequest>(
      kAnswer, [](rpc::Call& call, const auto& req) {
        return LoadAnswerableMatch(call, req.match_id()).status();
      });
  d.SetReplayGuard<v1::RequestRematchRequest>(
      kRematch, [](rpc::Call& call, const auto& req) {
        return LoadEndableMatch(call, req.match_id()).status();
      });
  d.SetReplayGuard<v1::OverrideMatchRequest>(kOverride, CheckProposeByHand);
}

void BuddyService::RegisterIdentityHooks(IdentityService* identity) {
  identity->AddAcceptHook([](rpc::Call& call, const store::InvitationRow& inv,
                             const store::UserRow& user) -> absl::Status {
    if (inv.role != v1::ROLE_BUDDY) return absl::OkStatus();
    store::BuddyProfileRow row;
    row.user_id = user.id;
    row.capacity = 1;
    row.updated_at = call.now_seconds;
    return store::InsertBuddyProfile(*call.conn, row);
  });
}

#define WELKOM_BUDDY_UNARY(Method, Req, Resp, name)                           \
  grpc::ServerUnaryReactor* BuddyService::Method(                             \
      grpc::CallbackServerContext* ctx, const v1::Req* req, v1::Resp* resp) { \
    return dispatcher_->ServeGrpc(ctx, name, req, resp);                      \
  }
WELKOM_BUDDY_UNARY(GetBuddyProfile, GetBuddyProfileRequest, BuddyProfile,
                   kGetProfile)
WELKOM_BUDDY_UNARY(UpdateBuddyProfile, UpdateBuddyProfileRequest, BuddyProfile,
                   kUpdateProfile)
WELKOM_BUDDY_UNARY(ListBuddies, ListBuddiesRequest, ListBuddiesResponse,
                   kListBuddies)
WELKOM_BUDDY_UNARY(GetMyPreferences, GetMyPreferencesRequest,
                   NewcomerPreferences, kGetPrefs)
WELKOM_BUDDY_UNARY(SetMyPreferences, SetMyPreferencesRequest,
                   NewcomerPreferences, kSetPrefs)
WELKOM_BUDDY_UNARY(RunMatching, RunMatchingRequest, RunMatchingResponse,
                   kRunMatching)
WELKOM_BUDDY_UNARY(ListMatches, ListMatchesRequest, ListMatchesResponse,
                   kListMatches)
WELKOM_BUDDY_UNARY(AnswerProposal, AnswerProposalRequest, Match, kAnswer)
WELKOM_BUDDY_UNARY(RequestRematch, RequestRematchRequest, Match, kRematch)
WELKOM_BUDDY_UNARY(OverrideMatch, OverrideMatchRequest, Match, kOverride)
#undef WELKOM_BUDDY_UNARY

}  // namespace welkom::api
