#include "server/flows/journey_access.h"

#include <algorithm>

#include "absl/time/time.h"
#include "server/base/status_macros.h"

namespace welkom::flows {

auth::JourneyAccess AccessOf(const store::JourneyRow& row) {
  return {row.newcomer_id, row.employer_org_id, row.advisor_consent,
          row.region_id};
}

absl::StatusOr<store::JourneyRow> LoadVisibleJourney(
    rpc::Call& call, const std::string& journey_id) {
  absl::StatusOr<store::JourneyRow> row;
  if (journey_id.empty()) {
    if (call.principal->role != v1::ROLE_NEWCOMER) {
      return absl::InvalidArgumentError("journey_id: is required");
    }
    row = store::GetJourneyByNewcomer(*call.conn, call.principal->user_id);
    if (absl::IsNotFound(row.status())) {
      // Invited without a profile to plan from: say what to do, not "not
      // found" (the newcomer cannot tell what is missing).
      return absl::NotFoundError(
          "you have no journey yet: your employer's HR plans it from your "
          "arrival date and situation; ask them to");
    }
  } else {
    row = store::GetJourney(*call.conn, journey_id);
  }
  if (!row.ok()) return row.status();
  if (!auth::CanSeeJourney(*call.principal, AccessOf(*row))) {
    return absl::NotFoundError("journey not found");
  }
  return row;
}

absl::StatusOr<store::JourneyRow> LoadVisibleJourneyOf(
    rpc::Call& call, const std::string& newcomer_id) {
  absl::StatusOr<store::JourneyRow> row =
      store::GetJourneyByNewcomer(*call.conn, newcomer_id);
  if (absl::IsNotFound(row.status()) ||
      (row.ok() && !auth::CanSeeJourney(*call.principal, AccessOf(*row)))) {
    return absl::NotFoundError("journey not found");
  }
  return row;
}

absl::StatusOr<store::JourneyRow> LoadOwnJourney(rpc::Call& call) {
  absl::StatusOr<store::JourneyRow> row =
      store::GetJourneyByNewcomer(*call.conn, call.principal->user_id);
  if (absl::IsNotFound(row.status()) ||
      (row.ok() &&
       !auth::CanManageJourneyPrivacy(*call.principal, AccessOf(*row)))) {
    return absl::NotFoundError("you have no journey");
  }
  return row;
}

void JourneyAuditTrail::Note(const store::JourneyRow& journey,
                             v1::AuditAction action, absl::string_view detail) {
  if (call_.principal->user_id == journey.newcomer_id) return;
  Record(journey, action, detail);
}

void JourneyAuditTrail::Record(const store::JourneyRow& journey,
                               v1::AuditAction action,
                               absl::string_view detail) {
  bool seen = std::any_of(rows_.begin(), rows_.end(), [&](const auto& r) {
    return r.journey_id == journey.id && r.action == action &&
           r.detail == detail;
  });
  if (seen) return;
  store::AuditRow row;
  row.journey_id = journey.id;
  row.at_micros = absl::ToUnixMicros(call_.clock->Now());
  row.at = call_.now_seconds;
  row.actor_id = call_.principal->user_id;
  row.actor_role = call_.principal->role;
  row.actor_org_id = call_.principal->org_id;
  row.action = action;
  row.detail = std::string(detail);
  rows_.push_back(std::move(row));
}

absl::Status JourneyAuditTrail::Write(store::Connection& c) const {
  for (const store::AuditRow& row : rows_) {
    WELKOM_RETURN_IF_ERROR(store::InsertAuditEntry(c, row));
  }
  return absl::OkStatus();
}

absl::Status InReadSnapshot(rpc::Call& call,
                            absl::FunctionRef<absl::Status()> read) {
  absl::Status status = call.db->Read([&](store::Connection& c) {
    call.conn = &c;
    return read();
  });
  call.conn = nullptr;
  return status;
}

absl::Status ReadAudited(
    rpc::Call& call, JourneyAuditWriter& writer,
    absl::FunctionRef<absl::Status(JourneyAuditTrail&)> read) {
  JourneyAuditTrail trail(call);
  WELKOM_RETURN_IF_ERROR(InReadSnapshot(call, [&] { return read(trail); }));
  return writer.Append(trail.rows());
}

}  // namespace welkom::flows
