#include "server/jobs/digest_job.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/calendar/working_hours.h"
#include "server/flows/delivery_outbox.h"
#include "server/flows/notification_preferences.h"
#include "server/store/delivery_store.h"
#include "server/store/identity_store.h"
#include "server/store/notification_store.h"
#include "welkom/v1/identity.pb.h"

namespace welkom::jobs {
namespace {

// Lines listed per digest; the rest are counted.
constexpr int kMaxLines = 40;

struct Group {
  const char* en;
  const char* nl;
  bool (*holds)(const std::string& kind);
};

const std::vector<Group>& Groups() {
  static const auto* groups = new std::vector<Group>{
      {"Overdue", "Te laat",
       [](const std::string& k) {
         return k == "escalation" || k == "step_overdue";
       }},
      {"Check-ins", "Check-ins",
       [](const std::string& k) { return absl::StartsWith(k, "checkin"); }},
      {"Buddies", "Buddy's",
       [](const std::string& k) { return absl::StartsWith(k, "buddy_"); }},
      {"Other", "Overig", [](const std::string&) { return true; }},
  };
  return *groups;
}

std::string DigestBody(const std::vector<store::NotificationRow>& rows,
                       bool nl) {
  std::vector<std::vector<const store::NotificationRow*>> grouped(
      Groups().size());
  for (const store::NotificationRow& r : rows) {
    for (size_t g = 0; g < Groups().size(); ++g) {
      if (Groups()[g].holds(r.kind)) {
        grouped[g].push_back(&r);
        break;
      }
    }
  }
  std::string body =
      nl ? absl::StrCat("Sinds je vorige overzicht: ", rows.size(),
                        rows.size() == 1 ? " melding." : " meldingen.")
         : absl::StrCat(
               "Since your last digest: ", rows.size(),
               rows.size() == 1 ? " notification." : " notifications.");
  int listed = 0;
  for (size_t g = 0; g < grouped.size(); ++g) {
    if (grouped[g].empty()) continue;
    absl::StrAppend(&body, "\n\n", nl ? Groups()[g].nl : Groups()[g].en, ":");
    for (const store::NotificationRow* r : grouped[g]) {
      if (listed++ >= kMaxLines) break;
      absl::StrAppend(&body, "\n- ", nl ? r->title_nl : r->title_en);
    }
  }
  if (listed > kMaxLines) {
    absl::StrAppend(
        &body, "\n\n",
        nl ? absl::StrCat("En nog ", listed - kMaxLines, " in je meldingen.")
           : absl::StrCat("And ", listed - kMaxLines, " more in your inbox."));
  }
  return body;
}

}  // namespace

DigestJob::DigestJob(store::Database* db, int batch) : db_(db), batch_(batch) {}

absl::StatusOr<int> DigestJob::RunOnce(absl::Time now) {
  std::optional<absl::CivilDay> day = calendar::DigestDay(now);
  if (!day.has_value()) return 0;
  const std::string day_text = calendar::FormatDate(*day);
  const int64_t now_s = absl::ToUnixSeconds(now);
  int queued = 0;
  for (int role :
       {static_cast<int>(v1::ROLE_HR), static_cast<int>(v1::ROLE_ADVISOR)}) {
    std::string after;
    while (true) {
      bool more = false;
      WELKOM_RETURN_IF_ERROR(
          db_->Write([&](store::Connection& c) -> absl::Status {
            WELKOM_ASSIGN_OR_RETURN(bool on, flows::EmailEnabled(c));
            if (!on) return absl::OkStatus();
            WELKOM_ASSIGN_OR_RETURN(
                std::vector<store::UserRow> users,
                store::ListUsersWithRole(c, role, after, batch_));
            more = static_cast<int>(users.size()) == batch_;
            for (const store::UserRow& u : users) {
              after = u.id;
              WELKOM_ASSIGN_OR_RETURN(std::optional<store::DigestCursor> cursor,
                                      store::GetDigestCursor(c, u.id));
              if (cursor.has_value() && cursor->last_day >= day_text) continue;
              // A first digest covers the last day, not everything ever.
              int64_t after_id =
                  cursor.has_value() ? cursor->last_notification_id : 0;
              WELKOM_ASSIGN_OR_RETURN(
                  std::vector<store::NotificationRow> rows,
                  store::ListNotificationsAfter(c, u.id, after_id, 10000));
              store::DigestCursor next{rows.empty() ? after_id : rows.back().id,
                                       day_text};
              // Only kinds the member wants in the digest (a first digest
              // covers the last day, not everything ever).
              WELKOM_ASSIGN_OR_RETURN(auto prefs,
                                      flows::EffectivePreferences(c, u));
              rows.erase(
                  std::remove_if(
                      rows.begin(), rows.end(),
                      [&](const store::NotificationRow& r) {
                        auto p = prefs.find(r.kind);
                        return (p != prefs.end() &&
                                p->second !=
                                    store::NotificationDelivery::kDigest) ||
                               (!cursor.has_value() &&
                                r.created_at < now_s - 24 * 3600);
                      }),
                  rows.end());
              WELKOM_RETURN_IF_ERROR(store::SetDigestCursor(c, u.id, next));
              if (rows.empty()) continue;  // empty digests are not sent
              const bool nl = u.locale == "nl";
              store::DeliveryRow mail;
              mail.recipient = u.email;
              mail.user_id = u.id;
              mail.org_id = u.org_id;
              mail.kind = "digest";
              mail.locale = u.locale;
              mail.subject =
                  nl ? absl::StrCat("Welkom – je overzicht van ", day_text)
                     : absl::StrCat("Welkom – your digest for ", day_text);
              mail.body = DigestBody(rows, nl);
              mail.link = "/#/inbox";
              mail.link_label = nl ? "Meldingen openen" : "Open the inbox";
              mail.unsubscribable = true;
              mail.dedupe_key = absl::StrCat("digest:", u.id, ":", day_text);
              WELKOM_ASSIGN_OR_RETURN(
                  bool stored, flows::QueueMail(c, std::move(mail), now_s));
              if (stored) ++queued;
            }
            return absl::OkStatus();
          }));
      if (!more) break;
    }
  }
  return queued;
}

}  // namespace welkom::jobs
