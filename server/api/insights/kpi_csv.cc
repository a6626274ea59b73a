#include "server/api/insights/kpi_csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace welkom::api {
namespace {

std::string Number(double v) { return absl::StrFormat("%.1f", v); }

struct Line {
  std::string group, label, newcomers, figure = {}, value = {}, numerator = {},
                                       denominator = {}, note = {};
};

void Append(const Line& l, std::string* out) {
  absl::StrAppend(out,
                  absl::StrJoin({CsvField(l.group), CsvField(l.label),
                                 l.newcomers, CsvField(l.figure), l.value,
                                 l.numerator, l.denominator, l.note},
                                ","),
                  "\r\n");
}

Line ShareLine(const Line& base, const std::string& figure,
               const v1::KpiShare& s) {
  Line l = base;
  l.figure = figure;
  if (s.suppressed()) {
    l.note = "suppressed";
  } else {
    l.value = Number(s.percent());
    l.numerator = absl::StrCat(s.numerator());
    l.denominator = absl::StrCat(s.denominator());
  }
  return l;
}

}  // namespace

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string KpisToCsv(const v1::GetKpisResponse& kpis) {
  std::string out =
      "group,label,newcomers,figure,value,numerator,denominator,note\r\n";
  for (const v1::KpiGroup& g : kpis.groups()) {
    Line base{g.key(), g.label(),
              g.suppressed() ? "" : absl::StrCat(g.newcomers())};
    if (g.suppressed()) {
      base.figure = "newcomers";
      base.note = "suppressed";
      Append(base, &out);
      continue;
    }
    for (const char* which : {"median", "p90"}) {
      Line l = base;
      l.figure = absl::StrCat("arrival_to_bsn_days_", which);
      if (g.arrival_to_bsn().suppressed()) {
        l.note = "suppressed";
      } else {
        l.value = Number(which[0] == 'm' ? g.arrival_to_bsn().median()
                                         : g.arrival_to_bsn().p90());
      }
      Append(l, &out);
    }
    Append(ShareLine(base, "buddy_within_14_days_percent",
                     g.buddy_within_14_days()),
           &out);
    for (const v1::KpiCompletion& c : g.completion()) {
      Append(ShareLine(base,
                       absl::StrCat("steps_done_by_day_", c.day(), "_percent"),
                       c.share()),
             &out);
    }
    for (int b = 0; b < kpis.checkin_bucket_labels_size(); ++b) {
      Line l = base;
      l.figure =
          absl::StrCat("checkin_answers_", kpis.checkin_bucket_labels(b));
      if (g.checkin_suppressed() || b >= g.checkin_buckets_size()) {
        l.note = "suppressed";
      } else {
        l.value = absl::StrCat(g.checkin_buckets(b));
      }
      Append(l, &out);
    }
  }
  for (const v1::KpiStepOverdue& s : kpis.overdue_by_step()) {
    Append(
        ShareLine(Line{"all", s.title(), ""},
                  absl::StrCat("overdue_percent_", s.step_key()), s.overdue()),
        &out);
  }
  return out;
}

}  // namespace welkom::api
