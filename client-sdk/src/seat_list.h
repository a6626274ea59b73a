// File: seat_list.h
// Events and Dutch classes share one offline model: a cached list of things
// with a number of seats, a waitlist and the caller's own place; taking and
// giving back a place go through the outbox, and a read lays the pending
// ones over the cache as the server is expected to decide (a seat while
// seats remain, else the waitlist).
//
// A Spec names the types and fields (see events.cc, classes.cc):
//   Item, Take, TakeResponse, Give, GiveResponse, Place (enum)
//   kKind, kTake, kGive (outbox methods), kSubject ("event:" ...)
//   kSeat, kWaiting, kGivenBack (Place values)
//   Fetch(impl, &items)  the server's list
//   SortKey(item), Mine(item), SetMine(&item, place)
//   Taken(item), SetTaken(&item, n), Waiting(item), SetWaiting(&item, n),
//   Capacity(item), Id(request), Answer(response) (the place the server gave)
#ifndef WELKOM_CLIENT_SDK_SRC_SEAT_LIST_H_
#define WELKOM_CLIENT_SDK_SRC_SEAT_LIST_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client_impl.h"

namespace welkom::sdk {

template <typename Spec>
class SeatList {
 public:
  using Item = typename Spec::Item;

  static void RegisterChanges(Client::Impl& impl) {
    Register<typename Spec::Take, typename Spec::TakeResponse>(impl,
                                                               Spec::kTake);
    Register<typename Spec::Give, typename Spec::GiveResponse>(impl,
                                                               Spec::kGive);
  }

  // The list (Source as in ReadCachedKind) with pending changes laid over.
  static absl::StatusOr<std::vector<Item>> Read(Client::Impl& impl,
                                                Source source) {
    auto items = ReadCachedKind<Item>(impl, source, Spec::kKind, Fetch);
    if (!items.ok()) return items;
    auto pending = impl.outbox().All();
    if (!pending.ok()) return pending.status();
    for (const OutboxEntry& entry : *pending) {
      bool take = entry.method == Spec::kTake;
      typename Spec::Take req;  // Give has the same id field
      if ((!take && entry.method != Spec::kGive) ||
          !req.ParseFromString(entry.request)) {
        continue;
      }
      for (Item& item : *items) {
        if (item.id() == Spec::Id(req)) {
          Move(&item, take ? Expected(item) : Spec::kGivenBack);
        }
      }
    }
    return items;
  }

  // Queues taking (or giving back) a place at `id`.
  template <typename Req>
  static absl::Status Enqueue(Client::Impl& impl, const char* method,
                              const std::string& id) {
    return impl.Run<absl::Status>([&] {
      Req req;
      Spec::SetId(&req, id);
      return impl.Enqueue(method, req, absl::StrCat(Spec::kSubject, id));
    });
  }

 private:
  static absl::Status Store(Client::Impl& impl, const Item& item) {
    return impl.documents().Put(Spec::kKind, item.id(), Spec::SortKey(item),
                                item);
  }

  static absl::Status Fetch(Client::Impl& impl) {
    std::vector<Item> all;
    absl::Status s = Spec::Fetch(impl, &all);
    return s.ok() ? ReplaceCachedKind<Item>(impl, Spec::kKind, all, Store) : s;
  }

  // The caller's place moves to `place`; the counts follow it.
  static void Move(Item* item, typename Spec::Place place) {
    auto count = [item](typename Spec::Place p, int delta) {
      if (p == Spec::kSeat) Spec::SetTaken(item, Spec::Taken(*item) + delta);
      if (p == Spec::kWaiting) {
        Spec::SetWaiting(item, Spec::Waiting(*item) + delta);
      }
    };
    count(Spec::Mine(*item), -1);
    count(place, +1);
    Spec::SetMine(item, place);
  }

  static typename Spec::Place Expected(const Item& item) {
    return Spec::Taken(item) < Spec::Capacity(item) ? Spec::kSeat
                                                    : Spec::kWaiting;
  }

  template <typename Req, typename Resp>
  static void Register(Client::Impl& impl, const char* method) {
    ChangeKind kind;
    kind.new_request = [] { return std::make_unique<Req>(); };
    kind.new_response = [] { return std::make_unique<Resp>(); };
    kind.applied = [&impl](const Message& request, const Message& response) {
      Item item;
      auto found = impl.documents().Get(
          Spec::kKind, Spec::Id(static_cast<const Req&>(request)), &item);
      if (!found.ok() || !*found) return found.status();
      Move(&item, Spec::Answer(static_cast<const Resp&>(response)));
      return Store(impl, item);
    };
    kind.refetch = [&impl](const Message&) { Fetch(impl).IgnoreError(); };
    impl.RegisterChange(method, std::move(kind));
  }
};

}  // namespace welkom::sdk

#endif  // WELKOM_CLIENT_SDK_SRC_SEAT_LIST_H_
