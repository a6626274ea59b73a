// File: kpi_csv.h
// The Observatory's figures as CSV (RFC 4180): one row per group and figure
// of a GetKpisResponse, suppressed cells left empty with "suppressed" in
// the note column, so a spreadsheet never shows a figure the page hides.
//
//   columns: group,label,newcomers,figure,value,numerator,denominator,note
#ifndef WELKOM_SERVER_API_INSIGHTS_KPI_CSV_H_
#define WELKOM_SERVER_API_INSIGHTS_KPI_CSV_H_

#include <string>

#include "welkom/v1/insights.pb.h"

namespace welkom::api {

std::string KpisToCsv(const v1::GetKpisResponse& kpis);

// A field quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& text);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_INSIGHTS_KPI_CSV_H_
