#include "server/store/catalogue_store.h"

#include "server/base/status_macros.h"

namespace welkom::store {

absl::StatusOr<int> LatestCatalogueVersion(Connection& c) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT IFNULL(MAX(version), 0) FROM catalogue_versions"));
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return 0;
  return static_cast<int>(st->Int(0));
}

absl::StatusOr<std::optional<CatalogueVersionRow>> GetCatalogueVersion(
    Connection& c, int version) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("SELECT version, source, file_version, body, created_by, "
                "created_at FROM catalogue_versions WHERE version = ?"));
  st->Bind(1, version);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  if (row == Row::kDone) return std::optional<CatalogueVersionRow>();
  return std::optional<CatalogueVersionRow>(CatalogueVersionRow{
      static_cast<int>(st->Int(0)), st->Text(1), static_cast<int>(st->Int(2)),
      st->Text(3), st->Text(4), st->Int(5)});
}

absl::StatusOr<bool> HasShippedCatalogue(Connection& c, int file_version) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st, c.Prepare("SELECT 1 FROM catalogue_versions "
                                "WHERE source = 'file' AND file_version = ?"));
  st->Bind(1, file_version);
  WELKOM_ASSIGN_OR_RETURN(Row row, st->Step());
  return row == Row::kRow;
}

absl::Status InsertCatalogueVersion(Connection& c,
                                    const CatalogueVersionRow& row) {
  WELKOM_ASSIGN_OR_RETURN(
      Statement * st,
      c.Prepare("INSERT INTO catalogue_versions (version, source, "
                "file_version, body, created_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)"));
  st->Bind(1, row.version).Bind(2, row.source).Bind(3, row.file_version);
  st->BindBlob(4, row.body).Bind(5, row.created_by).Bind(6, row.created_at);
  return st->Run();
}

}  // namespace welkom::store
