#include "server/flows/unsubscribe_page.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/flows/notification_preferences.h"
#include "server/store/identity_store.h"

namespace welkom::flows {
namespace {

std::string Page(bool nl, absl::string_view title, absl::string_view body) {
  return absl::StrCat(
      "<!doctype html><html lang=\"", nl ? "nl" : "en",
      "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><title>",
      title,
      "</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32em;"
      "margin:2em auto;padding:0 1em}button{font:inherit;padding:.5em 1em}"
      "</style></head><body><h1>",
      title, "</h1>", body, "</body></html>");
}

}  // namespace

std::string KindLabel(absl::string_view kind, bool nl) {
  static const auto* labels =
      new std::map<std::string, std::pair<const char*, const char*>>{
          {"step_due", {"Steps due soon", "Stappen die bijna moeten"}},
          {"step_overdue", {"Overdue steps", "Te late stappen"}},
          {"step_actionable", {"Steps you can start", "Stappen die kunnen"}},
          {"escalation",
           {"Escalations of overdue legal steps",
            "Escalaties van te late wettelijke stappen"}},
          {"checkin_due", {"Check-in reminders", "Herinneringen check-in"}},
          {"checkin_low", {"Low check-in scores", "Lage check-in-scores"}},
          {"buddy_proposed", {"Buddy proposals", "Buddyvoorstellen"}},
          {"buddy_accepted", {"Accepted buddy matches", "Aangenomen buddy's"}},
          {"buddy_declined", {"Declined buddy matches", "Afgewezen buddy's"}},
          {"buddy_expired",
           {"Expired buddy proposals", "Verlopen voorstellen"}},
          {"buddy_ended", {"Ended buddy matches", "Beëindigde buddy's"}},
          {"buddy_introduced", {"Buddy introductions", "Buddy-kennismaking"}},
          {"event_cancelled",
           {"Cancelled events", "Geannuleerde activiteiten"}},
          {"waitlist_promoted",
           {"A place from the waitlist", "Een plek van de wachtlijst"}},
          {"course_completed", {"Completed courses", "Afgeronde cursussen"}},
          {"digest", {"The daily digest", "Het dagelijkse overzicht"}},
      };
  auto it = labels->find(std::string(kind));
  if (it == labels->end()) return std::string(kind);
  return nl ? it->second.second : it->second.first;
}

absl::StatusOr<UnsubscribeAnswer> AnswerUnsubscribe(store::Database& db,
                                                    absl::string_view token,
                                                    bool post) {
  UnsubscribeAnswer answer;
  WELKOM_RETURN_IF_ERROR(db.Write([&](store::Connection& c) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(std::string key, UnsubscribeKey(c));
    std::optional<UnsubscribeTarget> target = ReadUnsubscribeToken(key, token);
    absl::StatusOr<store::UserRow> user =
        target.has_value() ? store::GetUser(c, target->user_id)
                           : absl::NotFoundError("token");
    if (absl::IsNotFound(user.status()) ||
        (target.has_value() && !IsPreferenceKind(target->kind) &&
         target->kind != "digest")) {
      answer.http_status = 404;
      answer.html = Page(false, "Link not valid",
                         "<p>This unsubscribe link is not valid (any more). "
                         "Choose what you receive in Welkom's settings.</p>");
      return absl::OkStatus();
    }
    if (!user.ok()) return user.status();
    const bool nl = user->locale == "nl";
    const std::string label = KindLabel(target->kind, nl);
    if (!post) {
      answer.html = Page(
          nl, nl ? "Afmelden" : "Unsubscribe",
          absl::StrCat("<p>",
                       nl ? "Geen e-mail meer over: " : "Stop e-mail about: ",
                       "<strong>", label, "</strong></p><form method=\"post\">",
                       "<input type=\"hidden\" name=\"List-Unsubscribe\" "
                       "value=\"One-Click\"><button type=\"submit\">",
                       nl ? "Afmelden" : "Unsubscribe", "</button></form><p>",
                       nl ? "Je meldingen in Welkom blijven gewoon komen."
                          : "Your notifications in Welkom keep coming.",
                       "</p>"));
      return absl::OkStatus();
    }
    WELKOM_RETURN_IF_ERROR(Unsubscribe(c, *user, target->kind).status());
    answer.html =
        Page(nl, nl ? "Afgemeld" : "Unsubscribed",
             absl::StrCat("<p>",
                          nl ? "Je krijgt geen e-mail meer over: "
                             : "You will no longer get e-mail about: ",
                          "<strong>", label, "</strong></p><p>",
                          nl ? "Wijzig dit altijd in Welkom bij Instellingen."
                             : "Change it any time in Welkom's settings.",
                          "</p>"));
    return absl::OkStatus();
  }));
  return answer;
}

}  // namespace welkom::flows
