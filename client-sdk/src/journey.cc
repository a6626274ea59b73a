// Client::GetJourney and UpdateStep: the newcomer's own journey cached as
// one "journey" document; step changes go through the outbox, each carrying
// the etag of the step as the server last confirmed it.
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "client_impl.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::sdk {
namespace {

constexpr char kGet[] = "/welkom.v1.JourneyService/GetJourney";
constexpr char kUpdateStep[] = "/welkom.v1.JourneyService/UpdateStep";
constexpr char kJourneyKind[] = "journey";
constexpr char kOwnJourney[] = "mine";

const v1::JourneyStep* FindStep(const v1::Journey& journey,
                               const std::string& key) {
  for (const v1::JourneyStep& step : journey.steps()) {
    if (step.key() == key) return &step;
  }
  return nullptr;
}
v1::JourneyStep* FindStep(v1::Journey* journey, const std::string& key) {
  return const_cast<v1::JourneyStep*>(FindStep(*journey, key));
}

// What the server will do to the step, as far as the app can see it before
// the answer: status, reason and note (due dates and progress follow later).
void ApplyLocally(const v1::UpdateStepRequest& change, v1::JourneyStep* step) {
  if (change.status() != v1::STEP_STATUS_UNSPECIFIED) {
    step->set_status(change.status());
    step->set_blocked_reason(
        change.status() == v1::STEP_STATUS_BLOCKED ? change.blocked_reason()
                                                   : "");
  }
  if (change.set_note()) step->set_note(change.note());
}

// The outbox subject of changes to one step (see CarryEtag).
std::string StepSubject(const std::string& key) {
  return absl::StrCat("step:", key);
}

absl::Status Store(Client::Impl& impl, const v1::Journey& journey) {
  return impl.documents().Put(kJourneyKind, kOwnJourney, 0, journey);
}

absl::Status FetchJourney(Client::Impl& impl) {
  v1::GetJourneyResponse resp;
  absl::Status s = impl.CallServer(kGet, v1::GetJourneyRequest(), &resp);
  return s.ok() ? Store(impl, resp.journey()) : s;
}

// After `sent` was applied, later changes of the same step that were based
// on the same etag are based on the new version now: they are this device's
// own follow-ups, not conflicts.
absl::Status CarryEtag(Client::Impl& impl, const v1::UpdateStepRequest& sent,
                       const v1::Journey& now) {
  const v1::JourneyStep* step = FindStep(now, sent.step_key());
  if (step == nullptr || sent.etag().empty()) return absl::OkStatus();
  return ForEachPending<v1::UpdateStepRequest>(
      impl, kUpdateStep, [&](int64_t seq, v1::UpdateStepRequest& later) {
        if (later.step_key() != sent.step_key() ||
            later.etag() != sent.etag()) {
          return absl::OkStatus();
        }
        later.set_etag(step->etag());
        return impl.outbox().Rewrite(seq, later.SerializeAsString());
      },
      StepSubject(sent.step_key()));
}

absl::Status OverlayPending(Client::Impl& impl, v1::Journey* journey) {
  return ForEachPending<v1::UpdateStepRequest>(
      impl, kUpdateStep, [&](int64_t, v1::UpdateStepRequest& change) {
        if (v1::JourneyStep* step = FindStep(journey, change.step_key())) {
          ApplyLocally(change, step);
        }
        return absl::OkStatus();
      });
}

}  // namespace

void RegisterJourneyChanges(Client::Impl& impl) {
  ChangeKind kind;
  kind.new_request = [] { return std::make_unique<v1::UpdateStepRequest>(); };
  kind.new_response = [] { return std::make_unique<v1::UpdateStepResponse>(); };
  // The journey of the latest answer, stored once when the Flush settles
  // (a journey is ~20 KB; writing it per change doubled a replay's time).
  auto latest = std::make_shared<std::optional<v1::Journey>>();
  kind.applied = [&impl, latest](const Message& request,
                                 const Message& response) {
    const auto& sent = static_cast<const v1::UpdateStepRequest&>(request);
    const auto& answer = static_cast<const v1::UpdateStepResponse&>(response);
    *latest = answer.journey();
    return CarryEtag(impl, sent, answer.journey());
  };
  kind.settle = [&impl, latest]() {
    if (!latest->has_value()) return absl::OkStatus();
    absl::Status s = Store(impl, **latest);
    latest->reset();
    return s;
  };
  kind.refetch = [&impl, latest](const Message&) {
    latest->reset();  // older than what the fetch brings
    FetchJourney(impl).IgnoreError();
  };
  impl.RegisterChange(kUpdateStep, std::move(kind));
}

absl::StatusOr<v1::Journey> Client::GetJourney(Source source) {
  using Result = absl::StatusOr<v1::Journey>;
  return impl_->Run<Result>([&]() -> Result {
    absl::Status s;
    if (source == Source::kDefault) s = FetchJourney(*impl_);
    if (!s.ok() && !IsTransient(s)) return s;
    v1::Journey journey;
    auto found = impl_->documents().Get(kJourneyKind, kOwnJourney, &journey);
    if (!found.ok()) return found.status();
    if (!*found) {
      return source == Source::kCache
                 ? absl::NotFoundError("nothing cached: journey")
                 : absl::UnavailableError(absl::StrCat(
                       "server unreachable and nothing cached: ", s.message()));
    }
    if (s = OverlayPending(*impl_, &journey); !s.ok()) return s;
    return journey;
  });
}

absl::Status Client::UpdateStep(v1::UpdateStepRequest change) {
  if (change.step_key().empty()) {
    return absl::InvalidArgumentError("step_key: is required");
  }
  if (!change.journey_id().empty()) {
    return absl::InvalidArgumentError(
        "journey_id: the SDK changes the signed-in newcomer's own journey");
  }
  return impl_->Run<absl::Status>([&]() -> absl::Status {
    if (change.etag().empty()) {
      v1::Journey cached;
      auto found = impl_->documents().Get(kJourneyKind, kOwnJourney, &cached);
      if (!found.ok()) return found.status();
      const v1::JourneyStep* step =
          *found ? FindStep(cached, change.step_key()) : nullptr;
      if (*found && step == nullptr) {
        return absl::NotFoundError(absl::StrCat(
            "step_key: the journey has no step '", change.step_key(), "'"));
      }
      if (step != nullptr) change.set_etag(step->etag());
    }
    return impl_->Enqueue(kUpdateStep, change, StepSubject(change.step_key()));
  });
}

}  // namespace welkom::sdk
