#include "server/flows/erasure.h"

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/journey/applicability.h"
#include "server/flows/delivery_outbox.h"
#include "server/store/identity_store.h"
#include "server/store/journey_store.h"
#include "welkom/v1/common.pb.h"
#include "welkom/v1/profile.pb.h"

namespace welkom::flows {
namespace {

// What the Talent Observatory counts of a newcomer, and nothing else: the
// municipality, the arrival date (the cohort month and the days to each
// step), EU or not and the permit type.
std::string AnonymousProfile(const std::string& serialized) {
  v1::NewcomerProfile full;
  v1::NewcomerProfile kept;
  if (!full.ParseFromString(serialized)) return kept.SerializeAsString();
  kept.set_eu_citizen(journey::IsEuCitizen(full));
  kept.set_permit_type(full.permit_type());
  kept.set_municipality(full.municipality());
  if (full.has_arrival_date()) {
    *kept.mutable_arrival_date() = full.arrival_date();
  }
  return kept.SerializeAsString();
}

std::string DayOf(int64_t seconds) {
  return calendar::FormatDate(
      calendar::AmsterdamDay(absl::FromUnixSeconds(seconds)));
}

enum class Why { kAsked, kJourneyClosed };

// The notice in the member's inbox (and mail, for newcomers and buddies)
// that the erasure is scheduled, naming the day, the export and the way out.
absl::Status TellScheduled(store::Connection& c, const std::string& user_id,
                           const store::ErasureRequestRow& request, Why why) {
  const std::string day = DayOf(request.erase_at);
  store::NotificationRow row;
  row.recipient_id = user_id;
  row.kind = "erasure_scheduled";
  row.subject = "privacy:erasure";
  row.title_en = absl::StrCat("Your data will be erased on ", day);
  row.title_nl = absl::StrCat("Je gegevens worden gewist op ", day);
  row.body_en = absl::StrCat(
      why == Why::kAsked
          ? "You asked Welkom to erase your personal data. "
          : "Your first 90 days are over, and Welkom keeps personal data "
            "only as long as it helps you settle in. ",
      why == Why::kAsked
          ? "Until then you can download a copy of it (Me > Your data) or "
            "call the erasure off (Me > Erase my data)."
          : "Until then you can download a copy of it (Me > Your data).");
  row.body_nl = absl::StrCat(
      why == Why::kAsked
          ? "Je hebt Welkom gevraagd je persoonsgegevens te wissen. "
          : "Je eerste 90 dagen zijn voorbij, en Welkom bewaart "
            "persoonsgegevens alleen zolang ze je helpen je thuis te voelen. ",
      why == Why::kAsked
          ? "Tot die dag kun je een kopie downloaden (Ik > Je gegevens) of "
            "het wissen afblazen (Ik > Mijn gegevens wissen)."
          : "Tot die dag kun je een kopie downloaden (Ik > Je gegevens).");
  row.dedupe_key = absl::StrCat("erasure:", user_id, ":", request.requested_at);
  row.created_at = request.requested_at;
  return StoreNotification(c, row).status();
}

// The last mail to the address, queued after it is forgotten everywhere
// else; its delivery row is the one place the address stays until the
// deliveries retention removes it (docs/PRIVACY.md).
absl::Status TellErased(store::Connection& c, const store::UserRow& user,
                        int64_t now) {
  store::DeliveryRow mail;
  mail.recipient = user.email;
  mail.org_id = user.org_id;
  mail.kind = "erasure_done";
  mail.locale = user.locale;
  if (user.locale == "nl") {
    mail.subject = "Je gegevens bij Welkom zijn gewist";
    mail.body =
        "Je persoonsgegevens bij Welkom zijn gewist, zoals je vroeg. Je "
        "account bestaat niet meer; wat blijft zijn anonieme cijfers zonder "
        "naam, e-mailadres, notities of opmerkingen.";
  } else {
    mail.subject = "Your data at Welkom has been erased";
    mail.body =
        "Your personal data at Welkom has been erased, as you asked. Your "
        "account no longer exists; what stays are anonymous figures without "
        "a name, e-mail address, notes or comments.";
  }
  return QueueMail(c, std::move(mail), now).status();
}

}  // namespace

absl::StatusOr<ErasureState> ErasureStatusOf(store::Connection& c,
                                             const std::string& user_id) {
  ErasureState out;
  WELKOM_ASSIGN_OR_RETURN(out.scheduled, store::GetErasureRequest(c, user_id));
  return out;
}

absl::StatusOr<ErasureState> ScheduleErasure(store::Connection& c,
                                             const std::string& user_id,
                                             int64_t now,
                                             absl::Duration grace) {
  WELKOM_ASSIGN_OR_RETURN(ErasureState state, ErasureStatusOf(c, user_id));
  if (state.scheduled.has_value()) return state;  // the first request stands
  if (grace <= absl::ZeroDuration()) {
    WELKOM_RETURN_IF_ERROR(EraseMember(c, user_id, now));
    state.erased = true;
    return state;
  }
  store::ErasureRequestRow row{user_id, now, now + absl::ToInt64Seconds(grace)};
  WELKOM_RETURN_IF_ERROR(store::InsertErasureRequest(c, row));
  WELKOM_RETURN_IF_ERROR(TellScheduled(c, user_id, row, Why::kAsked));
  state.scheduled = row;
  return state;
}

absl::Status ScheduleErasureAfterClose(store::Connection& c,
                                       const std::string& user_id, int64_t now,
                                       int64_t erase_at) {
  store::ErasureRequestRow row{user_id, now, erase_at,
                               store::kErasureRetention};
  WELKOM_RETURN_IF_ERROR(store::InsertErasureRequest(c, row));
  return TellScheduled(c, user_id, row, Why::kJourneyClosed);
}

absl::Status CancelErasure(store::Connection& c, const std::string& user_id,
                           int64_t) {
  WELKOM_ASSIGN_OR_RETURN(std::optional<store::ErasureRequestRow> waiting,
                          store::GetErasureRequest(c, user_id));
  if (waiting.has_value() && waiting->reason == store::kErasureRetention) {
    return absl::FailedPreconditionError(
        "your journey has ended and Welkom keeps personal data only for a "
        "limited time after that; this erasure cannot be called off");
  }
  WELKOM_ASSIGN_OR_RETURN(bool deleted,
                          store::DeleteErasureRequest(c, user_id));
  if (!deleted) {
    return absl::FailedPreconditionError("no erasure is scheduled");
  }
  return absl::OkStatus();
}

absl::Status EraseMember(store::Connection& c, const std::string& user_id,
                         int64_t now) {
  WELKOM_ASSIGN_OR_RETURN(bool erased, store::IsErased(c, user_id));
  if (erased) return store::DeleteErasureRequest(c, user_id).status();
  WELKOM_ASSIGN_OR_RETURN(store::UserRow user, store::GetUser(c, user_id));
  store::ErasureSubject who;
  who.user_id = user.id;
  who.email = user.email;
  who.display_name = user.display_name;
  who.erased_label =
      user.role == v1::ROLE_BUDDY ? "erased buddy" : "erased newcomer";
  absl::StatusOr<store::JourneyRow> journey =
      store::GetJourneyByNewcomer(c, user_id);
  if (journey.ok()) {
    who.journey_id = journey->id;
    who.anonymous_profile = AnonymousProfile(journey->profile);
  } else if (!absl::IsNotFound(journey.status())) {
    return journey.status();
  }
  WELKOM_RETURN_IF_ERROR(store::EraseMemberRecords(c, who, now));
  return TellErased(c, user, now);
}

}  // namespace welkom::flows
