#include "server/api/insights/insights_service.h"

#include "absl/strings/str_cat.h"
#include "server/api/insights/kpi_csv.h"
#include "server/api/journey/journey_view.h"
#include "server/auth/policy.h"
#include "server/base/status_macros.h"
#include "server/domain/calendar/civil_date.h"
#include "server/domain/insights/kpis.h"
#include "server/domain/journey/applicability.h"
#include "server/domain/journey/plan.h"
#include "server/store/insights_store.h"
#include "welkom/v1/profile.pb.h"

namespace welkom::api {
namespace {

constexpr char kGetKpis[] = "/welkom.v1.InsightsService/GetKpis";
constexpr char kExportKpisCsv[] = "/welkom.v1.InsightsService/ExportKpisCsv";

insights::Cut CutOf(v1::KpiCut cut) {
  switch (cut) {
    case v1::KPI_CUT_MUNICIPALITY:
      return insights::Cut::kMunicipality;
    case v1::KPI_CUT_EMPLOYER_SIZE:
      return insights::Cut::kEmployerSize;
    case v1::KPI_CUT_EU_CITIZENSHIP:
      return insights::Cut::kEuCitizenship;
    default:
      return insights::Cut::kRegion;
  }
}

const char* CutName(v1::KpiCut cut) {
  switch (cut) {
    case v1::KPI_CUT_MUNICIPALITY:
      return "municipality";
    case v1::KPI_CUT_EMPLOYER_SIZE:
      return "employer-size";
    case v1::KPI_CUT_EU_CITIZENSHIP:
      return "eu-citizenship";
    default:
      return "region";
  }
}

insights::JourneyFacts FactsOf(const store::JourneyFactsRow& row,
                               absl::CivilDay today) {
  insights::JourneyFacts f;
  f.municipality = row.municipality;
  v1::NewcomerProfile profile;
  if (profile.ParseFromString(row.profile)) {
    f.eu_citizen = journey::IsEuCitizen(profile);
  }
  f.employer_size = insights::EmployerSizeOf(row.employer_staff_count);
  f.checkin_scores = row.checkin_scores;
  f.closed = row.closed;
  if (row.arrival_date) f.arrival = calendar::ParseDate(*row.arrival_date);
  for (const store::StepFactsRow& s : row.steps) {
    insights::StepFacts step;
    step.key = s.step_key;
    step.not_applicable = s.status == v1::STEP_STATUS_NOT_APPLICABLE;
    std::optional<absl::CivilDay> due;
    if (s.due_date) due = calendar::ParseDate(*s.due_date);
    step.has_due_date = due.has_value();
    step.overdue = journey::DaysOverdue(s.status, due, today).has_value();
    if (s.status == v1::STEP_STATUS_DONE && s.done_at) {
      step.done_day = calendar::AmsterdamDay(absl::FromUnixSeconds(*s.done_at));
    }
    f.steps.push_back(std::move(step));
  }
  return f;
}

std::string GroupLabel(
    const std::string& key, bool nl,
    const absl::flat_hash_map<std::string, std::string>& municipalities) {
  if (key == "all") return "Twente";
  if (key == "sme") return nl ? "MKB (< 250 medewerkers)" : "SME (< 250 staff)";
  if (key == "large") return nl ? "Groot (250+)" : "Large (250+)";
  if (key == "eu") return nl ? "EU/EER/Zwitserland" : "EU/EEA/Swiss";
  if (key == "non_eu") return nl ? "Buiten de EU" : "Non-EU";
  if (key == "size_unknown") {
    return nl ? "Omvang onbekend" : "Size unknown";
  }
  if (key == "unknown") return nl ? "Onbekend" : "Unknown";
  auto it = municipalities.find(key);
  return it == municipalities.end() ? key : it->second;
}

void ToProtoShare(const insights::Share& s, v1::KpiShare* out) {
  out->set_suppressed(s.suppressed);
  if (s.suppressed) return;
  out->set_numerator(s.numerator);
  out->set_denominator(s.denominator);
  out->set_percent(s.percent());
}

}  // namespace

InsightsService::InsightsService(rpc::Dispatcher* dispatcher,
                                 flows::JourneyDefinitions* definitions)
    : dispatcher_(dispatcher), definitions_(definitions) {
  dispatcher->Register<v1::GetKpisRequest, v1::GetKpisResponse>(
      kGetKpis, rpc::Mode::kRead,
      [this](rpc::Call& call, const auto& req, auto* resp) {
        return Compute(call, req.cut(), resp);
      });
  dispatcher->Register<v1::ExportKpisCsvRequest, v1::ExportKpisCsvResponse>(
      kExportKpisCsv, rpc::Mode::kRead,
      [this](rpc::Call& call, const auto& req, auto* resp) -> absl::Status {
        v1::GetKpisResponse kpis;
        WELKOM_RETURN_IF_ERROR(Compute(call, req.cut(), &kpis));
        resp->set_csv(KpisToCsv(kpis));
        resp->set_filename(
            absl::StrCat("welkom-kpis-", CutName(kpis.cut()), "-",
                         calendar::FormatDate(calendar::AmsterdamDay(
                             absl::FromUnixSeconds(call.now_seconds))),
                         ".csv"));
        return absl::OkStatus();
      });
}

absl::Status InsightsService::Compute(rpc::Call& call, v1::KpiCut cut,
                                      v1::GetKpisResponse* resp) {
  if (!v1::KpiCut_IsValid(cut)) {
    return absl::InvalidArgumentError("cut: unknown value");
  }
  if (cut == v1::KPI_CUT_UNSPECIFIED) cut = v1::KPI_CUT_REGION;
  const absl::CivilDay today =
      calendar::AmsterdamDay(absl::FromUnixSeconds(call.now_seconds));
  WELKOM_ASSIGN_OR_RETURN(
      std::vector<store::JourneyFactsRow> rows,
      store::ListJourneyFacts(*call.conn, auth::KpiRegionOf(*call.principal)));
  WELKOM_ASSIGN_OR_RETURN(auto municipalities,
                          store::ListMunicipalityNames(*call.conn));
  std::vector<insights::JourneyFacts> facts;
  facts.reserve(rows.size());
  for (const store::JourneyFactsRow& row : rows) {
    facts.push_back(FactsOf(row, today));
  }
  const insights::KpiReport report =
      insights::ComputeKpis(facts, CutOf(cut), today);
  const bool nl = call.meta->locale == "nl";

  resp->set_cut(cut);
  *resp->mutable_as_of() = flows::ToProtoDate(today);
  resp->set_min_cell(insights::kMinCell);
  int low = 0;
  for (int high : insights::kScoreBucketHigh) {
    resp->add_checkin_bucket_labels(absl::StrCat(low, "-", high));
    low = high + 1;
  }
  for (const insights::KpiGroup& g : report.groups) {
    v1::KpiGroup* out = resp->add_groups();
    out->set_key(g.key);
    out->set_label(GroupLabel(g.key, nl, municipalities));
    out->set_suppressed(g.suppressed);
    out->set_newcomers(g.newcomers);
    v1::KpiDays* bsn = out->mutable_arrival_to_bsn();
    bsn->set_suppressed(g.arrival_to_bsn.suppressed);
    if (!g.arrival_to_bsn.suppressed) {
      bsn->set_median(g.arrival_to_bsn.median);
      bsn->set_p90(g.arrival_to_bsn.p90);
    }
    ToProtoShare(g.buddy_within_14_days, out->mutable_buddy_within_14_days());
    for (size_t d = 0; d < insights::kCompletionDays.size(); ++d) {
      v1::KpiCompletion* c = out->add_completion();
      c->set_day(insights::kCompletionDays[d]);
      ToProtoShare(g.completion_by_day[d], c->mutable_share());
    }
    out->set_checkin_suppressed(g.checkin_suppressed);
    for (int n : g.checkin_buckets) out->add_checkin_buckets(n);
  }
  // Titles as the region's catalogue has them now, advisors' edits
  // included; an employer's own step keeps its key.
  WELKOM_ASSIGN_OR_RETURN(flows::CataloguePtr catalogue,
                          definitions_->Regional(*call.conn, 0));
  for (const insights::StepOverdue& s : report.overdue_by_step) {
    v1::KpiStepOverdue* out = resp->add_overdue_by_step();
    out->set_step_key(s.step_key);
    const v1::StepDefinition* def = catalogue->Find(s.step_key);
    out->set_title(def == nullptr                     ? s.step_key
                   : nl && !def->title().nl().empty() ? def->title().nl()
                                                      : def->title().en());
    ToProtoShare(s.overdue, out->mutable_overdue());
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* InsightsService::GetKpis(
    grpc::CallbackServerContext* ctx, const v1::GetKpisRequest* req,
    v1::GetKpisResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kGetKpis, req, resp);
}

grpc::ServerUnaryReactor* InsightsService::ExportKpisCsv(
    grpc::CallbackServerContext* ctx, const v1::ExportKpisCsvRequest* req,
    v1::ExportKpisCsvResponse* resp) {
  return dispatcher_->ServeGrpc(ctx, kExportKpisCsv, req, resp);
}

}  // namespace welkom::api
