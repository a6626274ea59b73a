// File: template_store.h
// Rows and queries for employer templates and the template version each
// journey was planned with (migration 0015). Every function runs on the
// connection it is given, so callers choose the transaction. Template
// versions are immutable once inserted.
#ifndef WELKOM_SERVER_STORE_TEMPLATE_STORE_H_
#define WELKOM_SERVER_STORE_TEMPLATE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct TemplateRow {
  std::string employer_org_id;
  int version = 0;
  std::string body;  // serialized welkom.v1.EmployerTemplate
  std::string created_by;
  int64_t created_at = 0;
};

// The employer's newest template version; std::nullopt if it has none.
absl::StatusOr<std::optional<TemplateRow>> GetLatestTemplate(
    Connection& c, const std::string& employer_org_id);
// NOT_FOUND if the employer has no such version.
absl::StatusOr<TemplateRow> GetTemplateVersion(
    Connection& c, const std::string& employer_org_id, int version);
// Every version of the employer's template, newest first.
absl::StatusOr<std::vector<TemplateRow>> ListTemplateVersions(
    Connection& c, const std::string& employer_org_id);
// ALREADY_EXISTS if that version exists (someone saved meanwhile).
absl::Status InsertTemplate(Connection& c, const TemplateRow& row);

// Records that journey `journey_id` was planned with `template_version`.
absl::Status RecordJourneyTemplate(Connection& c, const std::string& journey_id,
                                   const std::string& employer_org_id,
                                   int template_version);
// (The template version a journey was planned with is read with its row:
// JourneyRow::template_version.)

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_TEMPLATE_STORE_H_
