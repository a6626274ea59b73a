// Client::Events, Rsvp and CancelRsvp: upcoming events cached as "event"
// documents (sort key: start time); RSVPs go through the outbox (SeatList).
#include "client_impl.h"
#include "seat_list.h"
#include "welkom/v1/event.pb.h"

namespace welkom::sdk {
namespace {

constexpr int kEventLimit = 200;

struct EventSeats {
  using Item = v1::Event;
  using Take = v1::CreateRsvpRequest;
  using TakeResponse = v1::CreateRsvpResponse;
  using Give = v1::CancelRsvpRequest;
  using GiveResponse = v1::CancelRsvpResponse;
  using Place = v1::RsvpStatus;
  static constexpr char kKind[] = "event";
  static constexpr char kTake[] = "/welkom.v1.EventService/CreateRsvp";
  static constexpr char kGive[] = "/welkom.v1.EventService/CancelRsvp";
  static constexpr char kSubject[] = "event:";
  static constexpr Place kSeat = v1::RSVP_STATUS_CONFIRMED;
  static constexpr Place kWaiting = v1::RSVP_STATUS_WAITLISTED;
  static constexpr Place kGivenBack = v1::RSVP_STATUS_CANCELLED;

  // The server's next kEventLimit upcoming events.
  static absl::Status Fetch(Client::Impl& impl, std::vector<Item>* all) {
    v1::ListEventsRequest req;
    req.set_page_size(100);
    do {
      v1::ListEventsResponse resp;
      absl::Status s =
          impl.CallServer("/welkom.v1.EventService/ListEvents", req, &resp);
      if (!s.ok()) return s;
      all->insert(all->end(), resp.events().begin(), resp.events().end());
      req.set_page_token(resp.next_page_token());
    } while (!req.page_token().empty() && all->size() < kEventLimit);
    return absl::OkStatus();
  }
  static int64_t SortKey(const Item& e) { return e.start_time().seconds(); }
  static Place Mine(const Item& e) { return e.my_rsvp(); }
  static void SetMine(Item* e, Place p) { e->set_my_rsvp(p); }
  static int32_t Taken(const Item& e) { return e.confirmed_count(); }
  static void SetTaken(Item* e, int32_t n) { e->set_confirmed_count(n); }
  static int32_t Waiting(const Item& e) { return e.waitlist_count(); }
  static void SetWaiting(Item* e, int32_t n) { e->set_waitlist_count(n); }
  static int32_t Capacity(const Item& e) { return e.capacity(); }
  template <typename Req>
  static const std::string& Id(const Req& r) {
    return r.event_id();
  }
  template <typename Req>
  static void SetId(Req* r, const std::string& id) {
    r->set_event_id(id);
  }
  template <typename Resp>
  static Place Answer(const Resp& r) {
    return r.rsvp().status();
  }
};

using EventList = SeatList<EventSeats>;

}  // namespace

void RegisterEventChanges(Client::Impl& impl) {
  EventList::RegisterChanges(impl);
}

absl::StatusOr<std::vector<v1::Event>> Client::Events(Source source) {
  using Result = absl::StatusOr<std::vector<v1::Event>>;
  return impl_->Run<Result>(
      [&]() -> Result { return EventList::Read(*impl_, source); });
}

absl::Status Client::Rsvp(const std::string& event_id) {
  return EventList::Enqueue<EventSeats::Take>(*impl_, EventSeats::kTake,
                                              event_id);
}

absl::Status Client::CancelRsvp(const std::string& event_id) {
  return EventList::Enqueue<EventSeats::Give>(*impl_, EventSeats::kGive,
                                              event_id);
}

}  // namespace welkom::sdk
