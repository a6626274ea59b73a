#include "server/flows/delivery_outbox.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "server/auth/tokens.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/flows/notification_preferences.h"
#include "server/store/identity_store.h"
#include "welkom/v1/identity.pb.h"

namespace welkom::flows {
namespace {

bool IsPhoneRole(int role) {
  return role == v1::ROLE_NEWCOMER || role == v1::ROLE_BUDDY;
}

std::string Body(absl::string_view title, absl::string_view body) {
  return body.empty() ? std::string(title) : absl::StrCat(title, "\n\n", body);
}

}  // namespace

std::string LinkFor(const store::NotificationRow& row, int recipient_role) {
  absl::string_view subject = row.subject;
  if (!IsPhoneRole(recipient_role)) {
    // "journey:<id>" or "journey:<id>/step:<key>": the journey's page.
    if (absl::ConsumePrefix(&subject, "journey:")) {
      return absl::StrCat("/#/journeys/", subject.substr(0, subject.find('/')));
    }
    if (absl::StartsWith(row.kind, "buddy_")) return "/#/buddies";
    return "/#/inbox";
  }
  if (absl::StartsWith(row.kind, "buddy_")) {
    return recipient_role == v1::ROLE_BUDDY && row.kind == "buddy_proposed"
               ? "/app/#/proposals"
               : "/app/#/buddy";
  }
  size_t step = subject.find("/step:");
  if (absl::StartsWith(subject, "journey:") &&
      step != absl::string_view::npos) {
    return absl::StrCat("/app/#/step/", subject.substr(step + 6));
  }
  if (row.kind == "checkin_due") return "/app/#/today";
  if (absl::StartsWith(subject, "event:") ||
      absl::StartsWith(subject, "course:")) {
    return "/app/#/events";
  }
  return "/app/#/inbox";
}

absl::StatusOr<bool> EmailEnabled(store::Connection& c) {
  return store::DeliveryChannelEnabled(c, store::kEmailChannel);
}

absl::StatusOr<bool> QueueMail(store::Connection& c, store::DeliveryRow mail,
                               int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(bool on, EmailEnabled(c));
  if (!on) return false;
  mail.channel = store::kEmailChannel;
  mail.message_id = auth::NewId("welkom");
  mail.status = store::DeliveryStatus::kPending;
  mail.attempts = 0;
  mail.created_at = now;
  mail.next_attempt_ms = now * 1000;
  if (mail.locale != "nl") mail.locale = "en";
  WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> id,
                          store::InsertDelivery(c, mail));
  return id.has_value();
}

absl::StatusOr<bool> QueueInvitationMail(store::Connection& c,
                                         const store::InvitationRow& inv,
                                         const std::string& code, int64_t now) {
  std::string inviter;
  absl::StatusOr<store::UserRow> by = store::GetUser(c, inv.created_by);
  if (by.ok()) inviter = by->display_name;
  WELKOM_ASSIGN_OR_RETURN(store::OrganizationRow org,
                          store::GetOrganization(c, inv.org_id));
  const std::string until = absl::FormatTime(
      "%Y-%m-%d", absl::FromUnixSeconds(inv.expires_at), calendar::Amsterdam());
  const bool nl = inv.locale == "nl";
  if (inviter.empty()) inviter = org.name;
  store::DeliveryRow mail;
  mail.recipient = inv.email;
  mail.org_id = inv.org_id;
  mail.kind = "invitation";
  mail.locale = inv.locale;
  if (nl) {
    mail.subject =
        absl::StrCat(inviter, " nodigt je uit voor Welkom – ", org.name);
    mail.body = absl::StrCat(
        "Hallo ", inv.display_name, ",\n\n", inviter, " van ", org.name,
        " nodigt je uit voor Welkom: één plek voor alles wat je nodig hebt "
        "in je eerste 90 dagen in Twente.\n\nKies met de knop hieronder een "
        "wachtwoord; de uitnodiging geldt tot en met ",
        until, ".");
    mail.link_label = "Uitnodiging aannemen";
  } else {
    mail.subject = absl::StrCat(inviter, " invites you to Welkom – ", org.name);
    mail.body = absl::StrCat(
        "Hello ", inv.display_name, ",\n\n", inviter, " of ", org.name,
        " invites you to Welkom: one place for everything you need in "
        "your first 90 days in Twente.\n\nChoose a password with the button "
        "below; "
        "the invitation is valid until ",
        until, ".");
    mail.link_label = "Accept the invitation";
  }
  mail.link = absl::StrCat("/join/", code);
  // A resend makes a new code: a new mail, not a duplicate of the old one.
  mail.dedupe_key = absl::StrCat("invitation:", inv.id, ":",
                                 absl::BytesToHexString(inv.code_hash));
  return QueueMail(c, std::move(mail), now);
}

absl::StatusOr<std::optional<int64_t>> StoreNotification(
    store::Connection& c, const store::NotificationRow& row) {
  WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> id,
                          store::InsertNotification(c, row));
  if (!id.has_value()) return id;
  WELKOM_ASSIGN_OR_RETURN(bool on, EmailEnabled(c));
  if (!on) return id;
  absl::StatusOr<store::UserRow> user = store::GetUser(c, row.recipient_id);
  if (absl::IsNotFound(user.status())) return id;
  if (!user.ok()) return user.status();
  WELKOM_ASSIGN_OR_RETURN(store::NotificationDelivery delivery,
                          DeliveryOf(c, *user, row.kind));
  // In the digest (jobs/digest_job.h), or only in the inbox.
  if (delivery != store::NotificationDelivery::kImmediate) return id;
  const bool nl = user->locale == "nl";
  store::DeliveryRow mail;
  mail.recipient = user->email;
  mail.user_id = user->id;
  mail.org_id = user->org_id;
  mail.kind = row.kind;
  mail.locale = user->locale;
  mail.subject = nl ? row.title_nl : row.title_en;
  mail.body =
      nl ? Body(row.title_nl, row.body_nl) : Body(row.title_en, row.body_en);
  mail.link = LinkFor(row, user->role);
  mail.link_label = nl ? "Openen in Welkom" : "Open in Welkom";
  mail.unsubscribable =
      IsPreferenceKind(row.kind) && !IsRequiredKind(user->role, row.kind);
  mail.notification_id = *id;
  mail.dedupe_key = absl::StrCat("notification:", *id);
  WELKOM_RETURN_IF_ERROR(
      QueueMail(c, std::move(mail), row.created_at).status());
  return id;
}

}  // namespace welkom::flows
