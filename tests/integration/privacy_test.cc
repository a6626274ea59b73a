// PrivacyService.ExportMyData against a real welkomd: the export holds what
// the person wrote through every service (GDPR art. 15 and 20: a copy of all
// personal data, in a structured, machine-readable format), and every table
// of the schema that holds something of the person is covered by it and
// named in docs/PRIVACY.md, the record of processing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/time/clock.h"
#include "google/protobuf/util/json_util.h"
#include "server/domain/calendar/civil_date.h"
#include "tests/integration/journey_fixture.h"
#include "welkom/v1/buddy.grpc.pb.h"
#include "welkom/v1/calendar.grpc.pb.h"
#include "welkom/v1/cohort.grpc.pb.h"
#include "welkom/v1/event.grpc.pb.h"
#include "welkom/v1/language.grpc.pb.h"
#include "welkom/v1/notification.grpc.pb.h"
#include "welkom/v1/privacy.grpc.pb.h"

namespace welkom {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Strings only this test writes, so finding one proves where it came from.
constexpr char kName[] = "Zofia Exportova";
constexpr char kEmail[] = "zofia.exportova@example.org";
constexpr char kNote[] = "landlord wants the deposit in cash 7f3a";
constexpr char kComment[] = "the first weeks were lonely 91b2";
constexpr char kProfession[] = "glaciology 5c1d";

class PrivacyTest : public JourneyTest {
 protected:
  // The newcomer arrived 40 days ago, so the day-30 check-in is open.
  std::string Newcomer() {
    v1::NewcomerProfile p = EuSingleProfessional();
    absl::CivilDay arrival = calendar::AmsterdamDay(absl::Now()) - 40;
    *p.mutable_arrival_date() = MakeDate(static_cast<int>(arrival.year()),
                                         arrival.month(), arrival.day());
    *p.mutable_start_date() = p.arrival_date();
    v1::CreateInvitationRequest req;
    req.set_role(v1::ROLE_NEWCOMER);
    req.set_email(kEmail);
    req.set_display_name(kName);
    *req.mutable_newcomer_profile() = p;
    return server_->InviteAndAccept(hr_, req);
  }

  // Writes through every service that keeps something of a newcomer.
  void WriteEverything(const std::string& token) {
    v1::UpdateStepRequest note;
    note.set_step_key("bank_account");
    note.set_note(kNote);
    note.set_set_note(true);
    ASSERT_TRUE(Update(token, note).ok());
    v1::SubmitCheckInRequest check_in;
    check_in.set_day(30);
    check_in.set_score(7);
    check_in.set_comment(kComment);
    v1::SubmitCheckInResponse checked;
    ASSERT_TRUE(
        Rpc(token, &v1::JourneyService::Stub::SubmitCheckIn, check_in, &checked)
            .ok());
    auto events = v1::EventService::NewStub(server_->Channel());
    {
      grpc::ClientContext ctx;
      WithToken(ctx, token);
      v1::ListEventsResponse list;
      ASSERT_TRUE(events->ListEvents(&ctx, {}, &list).ok());
      ASSERT_GT(list.events_size(), 0);
      grpc::ClientContext rsvp_ctx;
      WithToken(rsvp_ctx, token);
      v1::CreateRsvpRequest rsvp;
      rsvp.set_event_id(list.events(0).id());
      v1::CreateRsvpResponse rsvped;
      ASSERT_TRUE(events->CreateRsvp(&rsvp_ctx, rsvp, &rsvped).ok());
    }
    {
      auto notices = v1::NotificationService::NewStub(server_->Channel());
      grpc::ClientContext ctx;
      WithToken(ctx, token);
      v1::SetNotificationPreferencesRequest prefs;
      v1::NotificationPreference* p = prefs.add_preferences();
      p->set_kind("event_cancelled");
      p->set_delivery(v1::NOTIFICATION_DELIVERY_OFF);
      v1::NotificationPreferences set;
      ASSERT_TRUE(notices->SetNotificationPreferences(&ctx, prefs, &set).ok());
    }
    auto courses = v1::LanguageService::NewStub(server_->Channel());
    {
      grpc::ClientContext ctx;
      WithToken(ctx, token);
      v1::ListCoursesResponse list;
      ASSERT_TRUE(courses->ListCourses(&ctx, {}, &list).ok());
      ASSERT_GT(list.courses_size(), 0);
      grpc::ClientContext enrol_ctx;
      WithToken(enrol_ctx, token);
      v1::EnrollRequest enrol;
      enrol.set_course_id(list.courses(0).id());
      v1::EnrollResponse enrolled;
      ASSERT_TRUE(courses->Enroll(&enrol_ctx, enrol, &enrolled).ok());
    }
    auto buddies = v1::BuddyService::NewStub(server_->Channel());
    {
      grpc::ClientContext ctx;
      WithToken(ctx, token);
      v1::SetMyPreferencesRequest prefs;
      prefs.mutable_preferences()->add_languages("en");
      prefs.mutable_preferences()->set_profession_field(kProfession);
      v1::NewcomerPreferences set;
      ASSERT_TRUE(buddies->SetMyPreferences(&ctx, prefs, &set).ok());
      grpc::ClientContext run_ctx;
      WithToken(run_ctx, server_->Login("advisor"));
      v1::RunMatchingResponse run;
      ASSERT_TRUE(buddies->RunMatching(&run_ctx, {}, &run).ok());
    }
    {
      auto cohorts = v1::CohortService::NewStub(server_->Channel());
      grpc::ClientContext ctx;
      WithToken(ctx, token);
      v1::SetCohortNameShownRequest req;
      req.set_shown(true);
      v1::SetCohortNameShownResponse resp;
      ASSERT_TRUE(cohorts->SetCohortNameShown(&ctx, req, &resp).ok());
    }
    {
      auto calendar = v1::CalendarService::NewStub(server_->Channel());
      grpc::ClientContext ctx;
      WithToken(ctx, token);
      v1::RenewCalendarFeedResponse resp;
      ASSERT_TRUE(calendar->RenewCalendarFeed(&ctx, {}, &resp).ok());
    }
  }

  grpc::Status Export(const std::string& token, v1::ExportMyDataResponse* out) {
    auto privacy = v1::PrivacyService::NewStub(server_->Channel());
    grpc::ClientContext ctx;
    WithToken(ctx, token);
    return privacy->ExportMyData(&ctx, {}, out);
  }
};

TEST_F(PrivacyTest, TheExportHoldsWhatTheNewcomerWroteThroughEveryService) {
  const std::string token = Newcomer();
  ASSERT_NO_FATAL_FAILURE(WriteEverything(token));
  v1::Journey own;
  ASSERT_TRUE(Get(token, "", &own).ok());
  v1::Journey seen_by_hr;  // an entry in the newcomer's audit log
  ASSERT_TRUE(Get(hr_, own.id(), &seen_by_hr).ok());

  v1::ExportMyDataResponse resp;
  ASSERT_TRUE(Export(token, &resp).ok());
  for (const char* written : {kName, kEmail, kNote, kComment, kProfession}) {
    EXPECT_THAT(resp.json(), HasSubstr(written)) << written;
  }
  // The file is the data, in protobuf's JSON mapping.
  v1::PersonalData parsed;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(resp.json(), &parsed).ok());
  EXPECT_EQ(parsed.SerializeAsString(), resp.data().SerializeAsString());

  const v1::PersonalData& d = resp.data();
  EXPECT_EQ(d.member().email(), kEmail);
  EXPECT_EQ(d.journey().id(), own.id());
  EXPECT_GE(d.sessions_size(), 1);
  EXPECT_EQ(d.rsvps_size(), 1);
  EXPECT_EQ(d.enrolments_size(), 1);
  EXPECT_EQ(d.preferences().profession_field(), kProfession);
  EXPECT_TRUE(d.cohort_name_shown());
  EXPECT_TRUE(d.calendar_feed().active());
  // Who else read the journey: the HR person, by name.
  bool hr_read = false;
  for (const v1::AuditEntry& e : d.audit_log()) {
    hr_read |= e.actor_role() == v1::ROLE_HR;
  }
  EXPECT_TRUE(hr_read);
  // Other newcomers' data is not in it.
  EXPECT_THAT(resp.json(), Not(HasSubstr(server_->Account("newcomer").email)));
}

TEST_F(PrivacyTest, StaffExportTheirOwnAccountOnly) {
  const std::string token = Newcomer();
  v1::ExportMyDataResponse resp;
  ASSERT_TRUE(Export(hr_, &resp).ok());
  EXPECT_EQ(resp.data().member().email(), server_->Account("hr").email);
  EXPECT_FALSE(resp.data().has_journey());
  EXPECT_THAT(resp.json(), Not(HasSubstr(kEmail)));
  ASSERT_TRUE(Export(server_->Login("admin"), &resp).ok());
  EXPECT_EQ(resp.data().member().role(), v1::ROLE_ADMIN);
  EXPECT_EQ(Export("not-a-token", &resp).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

// Every value of every row of `table`, as text.
std::vector<std::string> CellsOf(sqlite3* db, const std::string& table) {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  const std::string sql = "SELECT * FROM \"" + table + "\"";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db);
    return out;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const unsigned char* text = sqlite3_column_text(st, i);
      if (text != nullptr)
        out.emplace_back(reinterpret_cast<const char*>(text));
    }
  }
  sqlite3_finalize(st);
  return out;
}

// Each table of the schema, and the part of the export that holds what it
// keeps of a person; "" for tables that hold nothing of one. A new table
// fails the test until it is placed here (and in docs/PRIVACY.md).
const std::map<std::string, std::string>& ExportSectionOfTable() {
  static const auto* table = new std::map<std::string, std::string>{
      {"users", "member"},
      // The invitation carries the name, e-mail and profile the member and
      // the journey carry after it is accepted.
      {"invitations", "member"},
      {"organizations", "organization"},
      {"sessions", "sessions"},
      {"journeys", "journey"},
      {"journey_steps", "journey"},
      {"journey_check_ins", "journey"},
      {"journey_audit", "audit_log"},
      {"notifications", "notifications"},
      {"event_rsvps", "rsvps"},
      {"enrolments", "enrolments"},
      {"session_attendance", "enrolments"},  // sessions_attended
      {"buddy_profiles", "buddy_profile"},
      {"newcomer_preferences", "preferences"},
      {"buddy_matches", "matches"},
      {"calendar_feeds", "calendar_feed"},
      {"deliveries", "deliveries"},
      {"cohort_name_shown", "cohort_name_shown"},
      // The answers to the person's own requests for 7 days, for replays:
      // copies of what the sections above hold.
      {"idempotency", "member"},
      // Which notifications a digest already covered: ids only.
      {"digest_cursors", "notifications"},
      {"notification_preferences", "notification_preferences"},
      {"server_keys", ""},
      {"audit_journal_state", ""},
      {"catalogue_versions", ""},
      {"cohort_sharing", ""},
      {"course_sessions", ""},
      {"courses", ""},
      {"delivery_channels", ""},
      // An organisation's endpoints: URL, event types, secret.
      {"webhook_endpoints", ""},
      {"employer_templates", ""},
      {"events", ""},
      {"journey_templates", ""},
      {"language_providers", ""},
      {"municipalities", ""},
      {"schema_migrations", ""},
      // Whether an erasure waits (ErasureStatus in the export).
      {"erasure_requests", "erasure"},
  };
  return *table;
}

TEST_F(PrivacyTest, EveryTableThatHoldsSomethingOfThePersonIsInTheExport) {
  const std::string token = Newcomer();
  ASSERT_NO_FATAL_FAILURE(WriteEverything(token));
  v1::Journey own;
  ASSERT_TRUE(Get(token, "", &own).ok());
  v1::ExportMyDataResponse resp;
  ASSERT_TRUE(Export(token, &resp).ok());
  const v1::PersonalData& d = resp.data();
  const std::set<std::string> theirs = {d.member().id(), own.id(), kEmail,
                                        kName};

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(server_->db_path().c_str(), &db,
                            SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  std::vector<std::string> tables;
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT name FROM sqlite_master WHERE type = "
                               "'table' AND name NOT LIKE 'sqlite_%'",
                               -1, &st, nullptr),
            SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW) {
    tables.emplace_back(
        reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  }
  sqlite3_finalize(st);
  ASSERT_GT(tables.size(), 20u);

  // docs/PRIVACY.md, the record of processing, names every table.
  std::ifstream doc(std::string(WELKOM_SOURCE_DIR) + "/docs/PRIVACY.md");
  std::stringstream record;
  record << doc.rdbuf();
  ASSERT_GT(record.str().size(), 1000u);
  for (const std::string& table : tables) {
    EXPECT_NE(record.str().find("`" + table + "`"), std::string::npos)
        << "table " << table << " is missing from docs/PRIVACY.md";
  }

  const google::protobuf::Descriptor* desc = d.GetDescriptor();
  const google::protobuf::Reflection* refl = d.GetReflection();
  for (const std::string& table : tables) {
    auto it = ExportSectionOfTable().find(table);
    if (it == ExportSectionOfTable().end()) {
      ADD_FAILURE() << "table " << table
                    << " is not placed: which part of the export holds it?";
      continue;
    }
    bool holds_theirs = false;
    for (const std::string& cell : CellsOf(db, table)) {
      for (const std::string& mine : theirs) {
        holds_theirs |= cell.find(mine) != std::string::npos;
      }
    }
    if (!holds_theirs) continue;
    if (it->second.empty()) {
      ADD_FAILURE() << "table " << table
                    << " holds the person's data but is placed as holding none";
      continue;
    }
    const google::protobuf::FieldDescriptor* field =
        desc->FindFieldByName(it->second);
    ASSERT_NE(field, nullptr) << it->second;
    const bool present = field->is_repeated() ? refl->FieldSize(d, field) > 0
                         : field->message_type() != nullptr
                             ? refl->HasField(d, field)
                             : refl->GetBool(d, field);
    EXPECT_TRUE(present) << "table " << table << " holds the person's data; "
                         << it->second << " in the export is empty";
  }
  sqlite3_close(db);
}

}  // namespace
}  // namespace welkom
