// File: template_service.h
// welkom.v1.TemplateService: employers' templates (company steps added to
// the regional catalogue, non-legal regional steps left out). HR reads and
// saves its own employer's template, advisors read any employer's. Every
// save is a new version; journeys keep the version they were created with
// (see journey_definitions.h).
#ifndef WELKOM_SERVER_API_TEMPLATE_SERVICE_H_
#define WELKOM_SERVER_API_TEMPLATE_SERVICE_H_

#include <string>

#include "server/flows/journey_definitions.h"
#include "server/rpc/dispatcher.h"
#include "welkom/v1/template.grpc.pb.h"

namespace welkom::api {

class TemplateService final : public v1::TemplateService::CallbackService {
 public:
  // `definitions` must outlive the service.
  TemplateService(rpc::Dispatcher* dispatcher,
                  flows::JourneyDefinitions* definitions);

  grpc::ServerUnaryReactor* GetTemplate(grpc::CallbackServerContext* ctx,
                                        const v1::GetTemplateRequest* req,
                                        v1::GetTemplateResponse* resp) override;
  grpc::ServerUnaryReactor* SaveTemplate(
      grpc::CallbackServerContext* ctx, const v1::SaveTemplateRequest* req,
      v1::SaveTemplateResponse* resp) override;
  grpc::ServerUnaryReactor* ListTemplateVersions(
      grpc::CallbackServerContext* ctx,
      const v1::ListTemplateVersionsRequest* req,
      v1::ListTemplateVersionsResponse* resp) override;

 private:
  absl::Status DoSave(rpc::Call& call, const v1::SaveTemplateRequest& req,
                      v1::SaveTemplateResponse* resp);
  absl::Status DoListVersions(rpc::Call& call,
                              const v1::ListTemplateVersionsRequest& req,
                              v1::ListTemplateVersionsResponse* resp);

  rpc::Dispatcher* dispatcher_;
  flows::JourneyDefinitions* definitions_;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_TEMPLATE_SERVICE_H_
