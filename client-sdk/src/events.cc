// Client::Events, Rsvp and CancelRsvp: upcoming events cached as "event"
// documents (sort key: start time); RSVPs go through the outbox.
#include <memory>

#include "absl/strings/str_cat.h"
#include "client_impl.h"
#include "welkom/v1/event.pb.h"

namespace welkom::sdk {
namespace {

constexpr char kList[] = "/welkom.v1.EventService/ListEvents";
constexpr char kRsvp[] = "/welkom.v1.EventService/CreateRsvp";
constexpr char kCancel[] = "/welkom.v1.EventService/CancelRsvp";
constexpr char kEventKind[] = "event";
constexpr int kEventLimit = 200;

std::string EventSubject(const std::string& id) {
  return absl::StrCat("event:", id);
}

absl::Status Store(Client::Impl& impl, const v1::Event& e) {
  return impl.documents().Put(kEventKind, e.id(), e.start_time().seconds(), e);
}

// Replaces the cached events with the server's next kEventLimit upcoming.
absl::Status FetchEvents(Client::Impl& impl) {
  std::vector<v1::Event> all;
  v1::ListEventsRequest req;
  req.set_page_size(100);
  do {
    v1::ListEventsResponse resp;
    absl::Status s = impl.CallServer(kList, req, &resp);
    if (!s.ok()) return s;
    all.insert(all.end(), resp.events().begin(), resp.events().end());
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty() && all.size() < kEventLimit);
  return ReplaceCachedKind<v1::Event>(impl, kEventKind, all, Store);
}

// The caller's RSVP moves to `status`; the counts follow it.
void SetMyRsvp(v1::Event* e, v1::RsvpStatus status) {
  auto count = [e](v1::RsvpStatus s, int delta) {
    if (s == v1::RSVP_STATUS_CONFIRMED) {
      e->set_confirmed_count(e->confirmed_count() + delta);
    } else if (s == v1::RSVP_STATUS_WAITLISTED) {
      e->set_waitlist_count(e->waitlist_count() + delta);
    }
  };
  count(e->my_rsvp(), -1);
  count(status, +1);
  e->set_my_rsvp(status);
}

// What the server is expected to decide for a pending RSVP: a seat while
// seats remain, else the waitlist.
v1::RsvpStatus Expected(const v1::Event& e) {
  return e.confirmed_count() < e.capacity() ? v1::RSVP_STATUS_CONFIRMED
                                            : v1::RSVP_STATUS_WAITLISTED;
}

// Applies `status` to the cached event `id` (if cached).
absl::Status Settle(Client::Impl& impl, const std::string& id,
                    v1::RsvpStatus status) {
  v1::Event e;
  auto found = impl.documents().Get(kEventKind, id, &e);
  if (!found.ok() || !*found) return found.status();
  SetMyRsvp(&e, status);
  return Store(impl, e);
}

template <typename Req, typename Resp>
void Register(Client::Impl& impl, const char* method) {
  ChangeKind kind;
  kind.new_request = [] { return std::make_unique<Req>(); };
  kind.new_response = [] { return std::make_unique<Resp>(); };
  kind.applied = [&impl](const Message& request, const Message& response) {
    const auto& answer = static_cast<const Resp&>(response);
    return Settle(impl, static_cast<const Req&>(request).event_id(),
                  answer.rsvp().status());
  };
  kind.refetch = [&impl](const Message&) { FetchEvents(impl).IgnoreError(); };
  impl.RegisterChange(method, std::move(kind));
}

// RSVPs and cancellations waiting in the outbox, laid over `events`.
absl::Status OverlayPending(Client::Impl& impl, std::vector<v1::Event>* events) {
  auto pending = impl.outbox().All();
  if (!pending.ok()) return pending.status();
  for (const OutboxEntry& entry : *pending) {
    if (entry.method != kRsvp && entry.method != kCancel) continue;
    v1::CreateRsvpRequest req;  // CancelRsvpRequest has the same event_id
    if (!req.ParseFromString(entry.request)) continue;
    for (v1::Event& e : *events) {
      if (e.id() != req.event_id()) continue;
      SetMyRsvp(&e, entry.method == kRsvp ? Expected(e)
                                          : v1::RSVP_STATUS_CANCELLED);
    }
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterEventChanges(Client::Impl& impl) {
  Register<v1::CreateRsvpRequest, v1::CreateRsvpResponse>(impl, kRsvp);
  Register<v1::CancelRsvpRequest, v1::CancelRsvpResponse>(impl, kCancel);
}

absl::StatusOr<std::vector<v1::Event>> Client::Events(Source source) {
  using Result = absl::StatusOr<std::vector<v1::Event>>;
  return impl_->Run<Result>([&]() -> Result {
    if (source == Source::kDefault) {
      absl::Status s = FetchEvents(*impl_);
      if (!s.ok() && !IsTransient(s)) return s;
    }
    auto rows = impl_->documents().List(kEventKind);
    if (!rows.ok()) return rows.status();
    std::vector<v1::Event> events(rows->size());
    for (size_t i = 0; i < rows->size(); ++i) {
      events[i].ParseFromString((*rows)[i]);
    }
    if (absl::Status s = OverlayPending(*impl_, &events); !s.ok()) return s;
    return events;
  });
}

absl::Status Client::Rsvp(const std::string& event_id) {
  return impl_->Run<absl::Status>([&] {
    v1::CreateRsvpRequest req;
    req.set_event_id(event_id);
    return impl_->Enqueue(kRsvp, req, EventSubject(event_id));
  });
}

absl::Status Client::CancelRsvp(const std::string& event_id) {
  return impl_->Run<absl::Status>([&] {
    v1::CancelRsvpRequest req;
    req.set_event_id(event_id);
    return impl_->Enqueue(kCancel, req, EventSubject(event_id));
  });
}

}  // namespace welkom::sdk
