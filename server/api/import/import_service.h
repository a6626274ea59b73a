// File: import_service.h
// welkom.v1.ImportService: an employer's new hires from a CSV file, as HR
// uploads it in the console or an HR system sends it. Each valid row is
// invited through IdentityService's own CreateInvitation (hooks, journey
// profile and mail included), all in one transaction; addresses already
// invited or already members are skipped, so an upload is idempotent.
// Who may import is CreateInvitation's rule for newcomers: HR of the
// employer; anyone else gets NOT_FOUND.
#ifndef WELKOM_SERVER_API_IMPORT_IMPORT_SERVICE_H_
#define WELKOM_SERVER_API_IMPORT_IMPORT_SERVICE_H_

#include "server/api/identity_service.h"
#include "server/rpc/dispatcher.h"
#include "server/rpc/grpc_forward.h"
#include "welkom/v1/import.grpc.pb.h"

namespace welkom::api {

class ImportService final : public v1::ImportService::CallbackService {
 public:
  // `identity` must outlive the dispatcher.
  ImportService(rpc::Dispatcher* dispatcher, IdentityService* identity);

  WELKOM_UNARY_OVERRIDE(PreviewNewHires);
  WELKOM_UNARY_OVERRIDE(ImportNewHires);

 private:
  rpc::Dispatcher* dispatcher_;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_IMPORT_IMPORT_SERVICE_H_
