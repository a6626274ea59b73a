// NotificationService.ListDeliveries: an organisation's delivery outbox as
// its HR staff, advisors and the admin may see it (auth::CanSeeDeliveries):
// recipient, kind, outcome; never the content.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "server/api/notifications/notification_service.h"
#include "server/auth/policy.h"
#include "server/base/status_macros.h"
#include "server/rpc/id_page.h"
#include "server/rpc/validation.h"
#include "server/store/delivery_store.h"

namespace welkom::api {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kListDeliveries[] =
    "/welkom.v1.NotificationService/ListDeliveries";

static_assert(static_cast<int>(store::DeliveryStatus::kPending) ==
              v1::DELIVERY_STATUS_PENDING);
static_assert(static_cast<int>(store::DeliveryStatus::kSent) ==
              v1::DELIVERY_STATUS_SENT);
static_assert(static_cast<int>(store::DeliveryStatus::kFailed) ==
              v1::DELIVERY_STATUS_FAILED);

absl::Status DoListDeliveries(rpc::Call& call,
                              const v1::ListDeliveriesRequest& req,
                              v1::ListDeliveriesResponse* resp) {
  const std::string org_id = req.organization_id().empty()
                                 ? call.principal->org_id
                                 : req.organization_id();
  if (!auth::CanSeeDeliveries(*call.principal, org_id)) {
    return absl::NotFoundError("organization_id: no such organization");
  }
  WELKOM_ASSIGN_OR_RETURN(int size, rpc::PageSize(req.page_size()));
  WELKOM_ASSIGN_OR_RETURN(int64_t before,
                          rpc::DecodeIdPageToken(req.page_token()));
  WELKOM_ASSIGN_OR_RETURN(
      auto rows, store::ListOrganizationDeliveries(
                     *call.conn, org_id, before, req.failed_only(), size + 1));
  resp->set_next_page_token(rpc::TakeIdPage(
      rows, size, [&](const auto& r) { ToProto(r, resp->add_deliveries()); }));
  return absl::OkStatus();
}

}  // namespace

void ToProto(const store::DeliveryRow& row, v1::Delivery* out) {
  out->set_id(row.id);
  out->set_channel(row.channel);
  out->set_recipient(row.recipient);
  out->set_kind(row.kind);
  out->set_status(static_cast<v1::DeliveryStatus>(row.status));
  out->set_attempts(row.attempts);
  out->set_last_error(row.last_error);
  out->set_message_id(row.message_id);
  *out->mutable_create_time() = TimeUtil::SecondsToTimestamp(row.created_at);
  if (row.finished_at.has_value()) {
    *out->mutable_finish_time() =
        TimeUtil::SecondsToTimestamp(*row.finished_at);
  }
}

void NotificationService::RegisterDeliveryLog() {
  dispatcher_->Register<v1::ListDeliveriesRequest, v1::ListDeliveriesResponse>(
      kListDeliveries, rpc::Mode::kRead, DoListDeliveries);
}

grpc::ServerUnaryReactor* NotificationService::ListDeliveries(
    grpc::CallbackServerContext* ctx, const v1::ListDeliveriesRequest* req,
    v1::ListDeliveriesResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kListDeliveries, req, resp);
}

}  // namespace welkom::api
