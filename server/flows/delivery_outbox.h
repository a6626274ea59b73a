// File: delivery_outbox.h
// What should leave Welkom is written to the delivery outbox
// (store/delivery_store.h) in the same transaction as what it delivers, so
// a committed notification or invitation is never lost to a crash, and a
// rolled-back one never goes out. The delivery job (jobs/delivery_job.h)
// sends the rows.
//
// Who gets what by e-mail, while e-mail is on (welkomd --smtp-url), unless
// they chose otherwise (notification_preferences.h):
//   newcomers and buddies  each notification, at once (the producers keep
//                          quiet hours already)
//   HR, advisors, admins   nothing per notification: a daily digest
//                          (jobs/digest_job.h)
//   invitees               the invitation, when the inviter asks for it
// A mail of a kind its recipient may turn off is unsubscribable: it
// carries the one-click unsubscribe link.
//
//   // inside a Write transaction, instead of store::InsertNotification:
//   WELKOM_ASSIGN_OR_RETURN(auto id, flows::StoreNotification(c, row));
#ifndef WELKOM_SERVER_FLOWS_DELIVERY_OUTBOX_H_
#define WELKOM_SERVER_FLOWS_DELIVERY_OUTBOX_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/store/delivery_store.h"
#include "server/store/identity_store.h"
#include "server/store/notification_store.h"
#include "server/store/sqlite.h"

namespace welkom::flows {

// Stores `row` in its recipient's inbox and, in the same transaction, its
// e-mail delivery when one is due (see above). Returns the notification's
// id; std::nullopt when `row.dedupe_key` was seen before (then nothing is
// stored, no delivery either).
absl::StatusOr<std::optional<int64_t>> StoreNotification(
    store::Connection& c, const store::NotificationRow& row);

// Queues `mail` (status, attempts, message id and times are filled here)
// when e-mail is on; returns false, storing nothing, when it is off or
// `mail.dedupe_key` was seen before.
absl::StatusOr<bool> QueueMail(store::Connection& c, store::DeliveryRow mail,
                               int64_t now);

// Queues the invitation mail for `inv` (just created or given a new code):
// its accept link /join/<code> carries `code`, so nobody copies codes by
// hand. In the invitation's language; names the inviter and organisation.
absl::StatusOr<bool> QueueInvitationMail(store::Connection& c,
                                         const store::InvitationRow& inv,
                                         const std::string& code, int64_t now);

// Whether this installation sends e-mail (delivery_channels).
absl::StatusOr<bool> EmailEnabled(store::Connection& c);

// The page a notification's mail links to, relative to the public base
// URL: the app's page for newcomers and buddies, the console's otherwise.
std::string LinkFor(const store::NotificationRow& row, int recipient_role);

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_DELIVERY_OUTBOX_H_
