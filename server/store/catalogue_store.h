// File: catalogue_store.h
// Versions of the regional step catalogue (migration 0016): the shipped
// file as recorded at start-up and every advisor edit. Versions are
// immutable once inserted; the highest is current.
#ifndef WELKOM_SERVER_STORE_CATALOGUE_STORE_H_
#define WELKOM_SERVER_STORE_CATALOGUE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/store/sqlite.h"

namespace welkom::store {

struct CatalogueVersionRow {
  int version = 0;
  std::string source;    // "file" or "edit"
  int file_version = 0;  // the shipped file's version it derives from
  std::string body;      // serialized welkom.v1.StepCatalogue
  std::string created_by;
  int64_t created_at = 0;
};

// The highest version; 0 if none is stored.
absl::StatusOr<int> LatestCatalogueVersion(Connection& c);
// std::nullopt if there is no such version.
absl::StatusOr<std::optional<CatalogueVersionRow>> GetCatalogueVersion(
    Connection& c, int version);
// True if the shipped file with `file_version` has been recorded.
absl::StatusOr<bool> HasShippedCatalogue(Connection& c, int file_version);
// ALREADY_EXISTS if that version exists (someone edited meanwhile).
absl::Status InsertCatalogueVersion(Connection& c,
                                    const CatalogueVersionRow& row);

}  // namespace welkom::store

#endif  // WELKOM_SERVER_STORE_CATALOGUE_STORE_H_
