// File: insights_service.h
// welkom.v1.InsightsService: the Talent Observatory's KPIs for advisors and
// admins. Gathers per-journey facts from the store, computes the figures
// with insights::ComputeKpis (k >= 5 suppression happens there, before
// anything leaves the server) and answers them as messages or as CSV.
#ifndef WELKOM_SERVER_API_INSIGHTS_INSIGHTS_SERVICE_H_
#define WELKOM_SERVER_API_INSIGHTS_INSIGHTS_SERVICE_H_

#include "server/flows/journey_definitions.h"
#include "server/rpc/dispatcher.h"
#include "welkom/v1/insights.grpc.pb.h"

namespace welkom::api {

class InsightsService final : public v1::InsightsService::CallbackService {
 public:
  // `definitions` (the current catalogue, for step titles) must outlive the
  // service.
  InsightsService(rpc::Dispatcher* dispatcher,
                  flows::JourneyDefinitions* definitions);

  grpc::ServerUnaryReactor* GetKpis(grpc::CallbackServerContext* ctx,
                                    const v1::GetKpisRequest* req,
                                    v1::GetKpisResponse* resp) override;
  grpc::ServerUnaryReactor* ExportKpisCsv(
      grpc::CallbackServerContext* ctx, const v1::ExportKpisCsvRequest* req,
      v1::ExportKpisCsvResponse* resp) override;

 private:
  absl::Status Compute(rpc::Call& call, v1::KpiCut cut,
                       v1::GetKpisResponse* resp);

  rpc::Dispatcher* dispatcher_;
  flows::JourneyDefinitions* definitions_;
};

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_INSIGHTS_INSIGHTS_SERVICE_H_
