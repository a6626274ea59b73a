#include "server/store/template_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {
namespace {

constexpr char kColumns[] =
    "SELECT employer_org_id, version, body, created_by, created_at "
    "FROM employer_templates ";

TemplateRow ReadTemplate(const Statement& st) {
  return {st.Text(0), static_cast<int>(st.Int(1)), st.Text(2), st.Text(3),
          st.Int(4)};
}

}  // namespace

absl::StatusOr<std::optional<TemplateRow>> GetLatestTemplate(
    Connection& c, const std::string& employer_org_id) {
  static const std::string sql = std::string(kColumns) +
                                 "WHERE employer_org_id = ? "
                                 "ORDER BY version DESC LIMIT 1";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, employer_org_id);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::optional<TemplateRow>();
  return std::optional<TemplateRow>(ReadTemplate(*st));
}

absl::StatusOr<TemplateRow> GetTemplateVersion(
    Connection& c, const std::string& employer_org_id, int version) {
  static const std::string sql =
      std::string(kColumns) + "WHERE employer_org_id = ? AND version = ?";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, employer_org_id).Bind(2, version);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) {
    return absl::NotFoundError("version: no such template version");
  }
  return ReadTemplate(*st);
}

absl::StatusOr<std::vector<TemplateRow>> ListTemplateVersions(
    Connection& c, const std::string& employer_org_id) {
  static const std::string sql = std::string(kColumns) +
                                 "WHERE employer_org_id = ? "
                                 "ORDER BY version DESC";
  WELKOM_ASSIGN_OR_RETURN(Statement * st, c.Prepare(sql));
  st->Bind(1, employer_org_id);
  std::vector<TemplateRow> out;
  while (true) {
    WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
    if (row == Row::kDone) break;
    out.push_back(ReadTemplate(*st));
  }
  return out;
}

absl::Status InsertTemplate(Connection& c, const TemplateRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO employer_templates (employer_org_id, version, "
                "body, created_by, created_at) VALUES (?, ?, ?, ?, ?)"));
  st->Bind(1, row.employer_org_id).Bind(2, row.version).BindBlob(3, row.body);
  st->Bind(4, row.created_by).Bind(5, row.created_at);
  return st->Run();
}

absl::Status RecordJourneyTemplate(Connection& c, const std::string& journey_id,
                                   const std::string& employer_org_id,
                                   int template_version) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO journey_templates (journey_id, employer_org_id, "
                "template_version) VALUES (?, ?, ?)"));
  st->Bind(1, journey_id).Bind(2, employer_org_id).Bind(3, template_version);
  return st->Run();
}

}  // namespace welkom::store
