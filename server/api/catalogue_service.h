// File: catalogue_service.h
// welkom.v1.CatalogueService: the regional step catalogue. Everyone signed
// in reads it; advisors edit one step at a time (texts, offset, legal
// source), each edit stored as a new catalogue version that plans the
// journeys created after it (journey_definitions.h). Edits are validated by
// the same validator as the shipped file (journey::ValidateCatalogue).
#ifndef WELKOM_SERVER_API_CATALOGUE_SERVICE_H_
#define WELKOM_SERVER_API_CATALOGUE_SERVICE_H_

#include "server/flows/journey_definitions.h"
#include "server/rpc/dispatcher.h"
#include "welkom/v1/catalogue_service.grpc.pb.h"

namespace welkom::api {

class CatalogueService final : public v1::CatalogueService::CallbackService {
 public:
  // `definitions` must outlive the service.
  CatalogueService(rpc::Dispatcher* dispatcher,
                   flows::JourneyDefinitions* definitions);

  grpc::ServerUnaryReactor* GetCatalogue(
      grpc::CallbackServerContext* ctx, const v1::GetCatalogueRequest* req,
      v1::GetCatalogueResponse* resp) override;
  grpc::ServerUnaryReactor* UpdateCatalogueStep(
      grpc::CallbackServerContext* ctx,
      const v1::UpdateCatalogueStepRequest* req,
      v1::UpdateCatalogueStepResponse* resp) override;

 private:
  absl::Status DoUpdateStep(rpc::Call& call,
                            const v1::UpdateCatalogueStepRequest& req,
                            v1::UpdateCatalogueStepResponse* resp);

  rpc::Dispatcher* dispatcher_;
  flows::JourneyDefinitions* definitions_;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_CATALOGUE_SERVICE_H_
