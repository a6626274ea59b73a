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
    step->set_blocked_reason(change.status() == v1::STEP_STATUS_BLOCKED
                                 ? change.blocked_reason()
                                 : "");
  }
  if (change.set_note()) step->set_note(change.note());
}

// The outbox subject of changes to one step (see CarryEtag).
std::string StepSubject(const std::string& key) {
  return absl::StrCat("step:", key);
}

absl::Status Store(Client::Impl& impl, const v1::Journey& journey) {
  return StoreOwnJourney(impl, journey);
}

// The cached copy, if any (an unreadable one counts as none).
std::optional<v1::Journey> Cached(Client::Impl& impl) {
  v1::Journey journey;
  auto found = impl.documents().Get(kJourneyKind, kOwnJourney, &journey);
  if (!found.ok() || !*found) return std::nullopt;
  return journey;
}

// A conditional refresh: the cached copy's etag goes along, and "not
// modified" keeps the copy (a few bytes instead of the whole journey).
absl::Status FetchJourney(Client::Impl& impl) {
  v1::GetJourneyRequest req;
  if (std::optional<v1::Journey> cached = Cached(impl)) {
    req.set_etag(cached->etag());
  }
  v1::GetJourneyResponse resp;
  absl::Status s = impl.CallServer(kGet, req, &resp);
  if (!s.ok()) return s;
  return resp.not_modified() ? absl::OkStatus() : Store(impl, resp.journey());
}

// A change's answer merged into the copy it was made on: its steps replace
// those of the same key, then anchors and totals. The copy takes the new
// etag only when the server confirmed the copy was current (base_etag);
// otherwise it keeps none, so the next fetch brings the whole journey.
void MergeChanges(const v1::JourneyChanges& changes, v1::Journey* journey) {
  for (const v1::JourneyStep& step : changes.steps()) {
    if (v1::JourneyStep* held = FindStep(journey, step.key())) *held = step;
  }
  *journey->mutable_anchors() = changes.anchors();
  journey->set_progress_percent(changes.progress_percent());
  journey->set_overdue_count(changes.overdue_count());
  journey->set_day(changes.day());
  const bool current =
      !changes.base_etag().empty() && changes.base_etag() == journey->etag();
  journey->set_etag(current ? changes.etag() : "");
}

// Etags this device superseded itself. When a change based on etag X was
// applied and the step's etag became Y, later changes of the same step that
// still carry X are this device's own follow-ups, not conflicts: they are
// sent with Y. One row per superseded etag, always pointing at the newest
// (so a chain of N changes costs N small writes, not N^2 outbox rewrites);
// written in the transaction that removes the applied entry, so it holds
// across a restart; emptied once the outbox is.
constexpr char kCarriedSchema[] =
    "CREATE TABLE IF NOT EXISTS carried_etags ("
    "  step_key TEXT NOT NULL, from_etag TEXT NOT NULL,"
    "  to_etag TEXT NOT NULL, PRIMARY KEY (step_key, from_etag));"
    "CREATE INDEX IF NOT EXISTS carried_etags_by_to ON carried_etags "
    "(step_key, to_etag);";

absl::Status RecordCarry(Client::Impl& impl, const std::string& key,
                         const std::string& from, const std::string& to) {
  auto older = impl.db().Prepare(
      "UPDATE carried_etags SET to_etag = ? WHERE step_key = ? AND to_etag = "
      "?");
  if (!older.ok()) return older.status();
  absl::Status s = (*older)->Text(1, to).Text(2, key).Text(3, from).Exec();
  if (!s.ok()) return s;
  auto insert = impl.db().Prepare(
      "INSERT OR REPLACE INTO carried_etags (step_key, from_etag, to_etag) "
      "VALUES (?, ?, ?)");
  if (!insert.ok()) return insert.status();
  return (*insert)->Text(1, key).Text(2, from).Text(3, to).Exec();
}

// Before sending: an etag this device superseded becomes the newest.
absl::Status CarryEtag(Client::Impl& impl, v1::UpdateStepRequest* change) {
  if (change->etag().empty()) return absl::OkStatus();
  auto q = impl.db().Prepare(
      "SELECT to_etag FROM carried_etags WHERE step_key = ? AND from_etag = ?");
  if (!q.ok()) return q.status();
  (*q)->Text(1, change->step_key()).Text(2, change->etag());
  if ((*q)->Next()) change->set_etag((*q)->ColumnText(0));
  return (*q)->status();
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

absl::Status StoreOwnJourney(Client::Impl& impl, const v1::Journey& journey) {
  return impl.documents().Put(kJourneyKind, kOwnJourney, 0, journey);
}

absl::Status RegisterJourneyChanges(Client::Impl& impl) {
  if (absl::Status s = impl.db().ExecScript(kCarriedSchema); !s.ok()) return s;
  ChangeKind kind;
  kind.new_request = [] { return std::make_unique<v1::UpdateStepRequest>(); };
  kind.new_response = [] { return std::make_unique<v1::UpdateStepResponse>(); };
  // The cached journey with every answer merged, stored once when the Flush
  // settles (a journey is ~20 KB; writing it per change doubled a replay's
  // time). Unset until the first answer of a Flush.
  struct Latest {
    std::optional<v1::Journey> journey;
    bool merged = false;  // an answer was merged into it
    void reset() {
      journey.reset();
      merged = false;
    }
  };
  auto latest = std::make_shared<Latest>();
  kind.before_send = [&impl, latest](Message& request) {
    auto* change = static_cast<v1::UpdateStepRequest*>(&request);
    if (!latest->journey.has_value()) latest->journey = Cached(impl);
    // The answer then carries only what changed, to merge into this copy.
    change->set_view(v1::JOURNEY_VIEW_CHANGES);
    change->set_journey_etag(latest->journey ? latest->journey->etag() : "");
    return CarryEtag(impl, change);
  };
  kind.applied = [&impl, latest](const Message& request,
                                 const Message& response) {
    const auto& sent = static_cast<const v1::UpdateStepRequest&>(request);
    const auto& answer = static_cast<const v1::UpdateStepResponse&>(response);
    latest->merged = true;
    if (!latest->journey.has_value()) return absl::OkStatus();  // no copy
    MergeChanges(answer.changes(), &*latest->journey);
    const v1::JourneyStep* step = FindStep(*latest->journey, sent.step_key());
    if (step == nullptr || sent.etag().empty()) return absl::OkStatus();
    return RecordCarry(impl, sent.step_key(), sent.etag(), step->etag());
  };
  kind.settle = [&impl, latest]() {
    auto pending = impl.outbox().Count();
    if (!pending.ok()) return pending.status();
    if (*pending == 0) {
      if (absl::Status s = impl.db().ExecScript("DELETE FROM carried_etags;");
          !s.ok()) {
        return s;
      }
    }
    if (!latest->merged) {
      latest->reset();
      return absl::OkStatus();
    }
    if (!latest->journey.has_value()) {  // nothing was cached: fetch it
      latest->reset();
      FetchJourney(impl).IgnoreError();
      return absl::OkStatus();
    }
    const bool whole = !latest->journey->etag().empty();
    absl::Status s = Store(impl, *latest->journey);
    latest->reset();
    // A merge the server could not vouch for: fetch the journey now (no
    // etag goes along, so the answer is whole).
    if (s.ok() && !whole) FetchJourney(impl).IgnoreError();
    return s;
  };
  kind.refetch = [&impl, latest](const Message&) {
    latest->reset();  // older than what the fetch brings
    FetchJourney(impl).IgnoreError();
  };
  impl.RegisterChange(kUpdateStep, std::move(kind));
  return absl::OkStatus();
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
