#include "server/api/privacy/personal_data.h"

#include <limits>
#include <optional>

#include "google/protobuf/util/time_util.h"
#include "server/api/buddy/buddy_view.h"
#include "server/api/events/event_service.h"
#include "server/api/events/language_service.h"
#include "server/api/identity_service.h"
#include "server/api/journey/journey_consent.h"
#include "server/api/journey/journey_view.h"
#include "server/api/notifications/notification_service.h"
#include "server/api/notifications/notification_stream.h"
#include "server/api/privacy/privacy_service.h"
#include "server/base/status_macros.h"
#include "server/store/buddy_store.h"
#include "server/store/calendar_feed_store.h"
#include "server/store/cohort_store.h"
#include "server/store/delivery_store.h"
#include "server/store/event_store.h"
#include "server/store/identity_store.h"
#include "server/store/journey_audit_store.h"
#include "server/store/journey_store.h"
#include "server/store/language_store.h"
#include "server/store/notification_preference_store.h"
#include "server/store/notification_store.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

// One person's records are few; the export reads each list whole.
constexpr int kAll = std::numeric_limits<int>::max();

absl::Status CollectAccount(rpc::Call& call, v1::PersonalData* out) {
  const std::string& me = call.principal->user_id;
  WELKOM_ASSIGN_OR_RETURN(store::UserRow user, store::GetUser(*call.conn, me));
  ToProto(user, out->mutable_member());
  WELKOM_ASSIGN_OR_RETURN(store::OrganizationRow org,
                          store::GetOrganization(*call.conn, user.org_id));
  ToProto(org, out->mutable_organization());
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::SessionRow> sessions,
                          store::ListSessionsOf(*call.conn, me));
  for (const store::SessionRow& s : sessions) {
    v1::SessionRecord* rec = out->add_sessions();
    *rec->mutable_create_time() = TimeUtil::SecondsToTimestamp(s.created_at);
    *rec->mutable_expire_time() = TimeUtil::SecondsToTimestamp(s.expires_at);
    if (s.revoked_at.has_value()) {
      *rec->mutable_revoke_time() = TimeUtil::SecondsToTimestamp(*s.revoked_at);
    }
  }
  WELKOM_ASSIGN_OR_RETURN(std::optional<int64_t> feed_since,
                          store::CalendarFeedCreatedAt(*call.conn, me));
  if (feed_since.has_value()) {
    out->mutable_calendar_feed()->set_active(true);
    *out->mutable_calendar_feed()->mutable_create_time() =
        TimeUtil::SecondsToTimestamp(*feed_since);
  }
  WELKOM_ASSIGN_OR_RETURN(
      std::vector<store::DeliveryRow> deliveries,
      store::ListMemberDeliveries(*call.conn, me, user.email));
  for (const store::DeliveryRow& d : deliveries) {
    ToProto(d, out->add_deliveries());
  }
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::NotificationPreferenceRow> prefs,
                          store::ListNotificationPreferences(*call.conn, me));
  for (const store::NotificationPreferenceRow& p : prefs) {
    v1::NotificationPreference* pref = out->add_notification_preferences();
    pref->set_kind(p.kind);
    pref->set_channel(p.channel);
    pref->set_delivery(static_cast<v1::NotificationDelivery>(p.delivery));
  }
  WELKOM_ASSIGN_OR_RETURN(
      std::vector<store::NotificationRow> notifications,
      store::ListNotificationsAfter(*call.conn, me, 0, kAll));
  for (const store::NotificationRow& n : notifications) {
    ToProto(n, out->add_notifications());
  }
  return absl::OkStatus();
}

// The newcomer's journey with its audit log; nothing for those without one.
absl::Status CollectJourney(rpc::Call& call,
                            flows::JourneyDefinitions& definitions,
                            v1::PersonalData* out) {
  absl::StatusOr<store::JourneyRow> row =
      store::GetJourneyByNewcomer(*call.conn, call.principal->user_id);
  if (absl::IsNotFound(row.status())) return absl::OkStatus();
  WELKOM_RETURN_IF_ERROR(row.status());
  WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr catalogue,
                          definitions.ForJourney(*call.conn, *row));
  WELKOM_RETURN_IF_ERROR(
      ViewJourney(call, *catalogue, *row, out->mutable_journey()));
  WELKOM_ASSIGN_OR_RETURN(
      std::vector<store::AuditRow> entries,
      store::ListAuditEntries(*call.conn, row->id, store::AuditCursor{}, kAll));
  for (const store::AuditRow& e : entries) {
    ToProtoEntry(e, out->add_audit_log());
  }
  WELKOM_ASSIGN_OR_RETURN(
      bool shown, store::CohortNameShown(*call.conn, call.principal->user_id));
  out->set_cohort_name_shown(shown);
  return absl::OkStatus();
}

absl::Status CollectEventsAndClasses(rpc::Call& call, v1::PersonalData* out) {
  const std::string& me = call.principal->user_id;
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::RsvpRow> rsvps,
                          store::ListRsvpsOfMember(*call.conn, me));
  for (const store::RsvpRow& r : rsvps) {
    int position = 0;
    if (r.status == store::kRsvpWaitlisted) {
      WELKOM_ASSIGN_OR_RETURN(
          position, store::WaitlistPosition(*call.conn, r.event_id, r.seq));
    }
    ToProto(r, position, out->add_rsvps());
  }
  WELKOM_ASSIGN_OR_RETURN(std::vector<store::EnrolmentRow> enrolments,
                          store::ListEnrolmentsOfMember(*call.conn, me));
  for (const store::EnrolmentRow& e : enrolments) {
    WELKOM_ASSIGN_OR_RETURN(store::CourseRow course,
                            store::GetCourse(*call.conn, e.course_id));
    int position = 0;
    if (e.status == store::kEnrolWaitlisted) {
      WELKOM_ASSIGN_OR_RETURN(position, store::EnrolmentWaitlistPosition(
                                            *call.conn, e.course_id, e.seq));
    }
    ToProto(e, position, static_cast<int>(course.sessions.size()),
            out->add_enrolments());
  }
  return absl::OkStatus();
}

absl::Status CollectBuddy(rpc::Call& call, v1::PersonalData* out) {
  const std::string& me = call.principal->user_id;
  absl::StatusOr<store::BuddyProfileRow> profile =
      store::GetBuddyProfile(*call.conn, me);
  if (profile.ok()) {
    ToProto(*profile, out->mutable_buddy_profile());
  } else if (!absl::IsNotFound(profile.status())) {
    return profile.status();
  }
  WELKOM_ASSIGN_OR_RETURN(std::optional<store::PreferencesRow> prefs,
                          store::GetPreferences(*call.conn, me));
  if (prefs.has_value()) ToProto(*prefs, out->mutable_preferences());
  for (bool as_buddy : {false, true}) {
    store::MatchFilter filter;
    (as_buddy ? filter.buddy_id : filter.newcomer_id) = me;
    WELKOM_ASSIGN_OR_RETURN(std::vector<store::MatchRow> matches,
                            store::ListMatches(*call.conn, filter, "", kAll));
    for (const store::MatchRow& m : matches) {
      WELKOM_RETURN_IF_ERROR(
          ToProtoMatch(*call.conn, *call.principal, m, out->add_matches()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CollectPersonalData(rpc::Call& call,
                                 flows::JourneyDefinitions& definitions,
                                 v1::PersonalData* out) {
  *out->mutable_export_time() = TimeUtil::SecondsToTimestamp(call.now_seconds);
  WELKOM_RETURN_IF_ERROR(CollectAccount(call, out));
  WELKOM_RETURN_IF_ERROR(CollectJourney(call, definitions, out));
  WELKOM_RETURN_IF_ERROR(CollectEventsAndClasses(call, out));
  WELKOM_ASSIGN_OR_RETURN(
      flows::ErasureState erasure,
      flows::ErasureStatusOf(*call.conn, call.principal->user_id));
  ToProto(erasure, out->mutable_erasure());
  return CollectBuddy(call, out);
}

}  // namespace welkom::api
