#include "server/api/import/new_hire_sheet.h"

#include <array>
#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "server/api/import/csv_reader.h"
#include "server/domain/calendar/civil_date.h"
#include "server/rpc/validation.h"

namespace welkom::api {
namespace {

using Column = NewHireColumn;

const std::string& Say(bool nl, const std::string& en, const std::string& du) {
  return nl ? du : en;
}

// Lower-case letters and digits only: "E-mailadres" and "e_mail adres"
// read the same.
std::string Normalized(absl::string_view text) {
  std::string out;
  for (char c : text) {
    if (absl::ascii_isalnum(c)) out.push_back(absl::ascii_tolower(c));
  }
  return out;
}

// The header names each column goes by, normalised.
const std::map<std::string, Column>& HeaderNames() {
  static const auto* names = new std::map<std::string, Column>{
      {"name", Column::kName},
      {"fullname", Column::kName},
      {"displayname", Column::kName},
      {"naam", Column::kName},
      {"volledigenaam", Column::kName},
      {"email", Column::kEmail},
      {"emailaddress", Column::kEmail},
      {"mail", Column::kEmail},
      {"emailadres", Column::kEmail},
      {"mailadres", Column::kEmail},
      {"arrival", Column::kArrivalDate},
      {"arrivaldate", Column::kArrivalDate},
      {"dateofarrival", Column::kArrivalDate},
      {"aankomst", Column::kArrivalDate},
      {"aankomstdatum", Column::kArrivalDate},
      {"datumaankomst", Column::kArrivalDate},
      {"start", Column::kStartDate},
      {"startdate", Column::kStartDate},
      {"firstworkingday", Column::kStartDate},
      {"startdatum", Column::kStartDate},
      {"datumindienst", Column::kStartDate},
      {"indienst", Column::kStartDate},
      {"eerstewerkdag", Column::kStartDate},
      {"municipality", Column::kMunicipality},
      {"city", Column::kMunicipality},
      {"gemeente", Column::kMunicipality},
      {"woonplaats", Column::kMunicipality},
      {"household", Column::kHousehold},
      {"family", Column::kHousehold},
      {"huishouden", Column::kHousehold},
      {"gezin", Column::kHousehold},
      {"gezinssituatie", Column::kHousehold},
      {"eu", Column::kEuCitizen},
      {"euornot", Column::kEuCitizen},
      {"eucitizen", Column::kEuCitizen},
      {"eueeaswiss", Column::kEuCitizen},
      {"euofniet", Column::kEuCitizen},
      {"euburger", Column::kEuCitizen},
      {"permit", Column::kPermitType},
      {"permittype", Column::kPermitType},
      {"residencepermit", Column::kPermitType},
      {"vergunning", Column::kPermitType},
      {"verblijfsvergunning", Column::kPermitType},
      {"soortvergunning", Column::kPermitType},
      {"typevergunning", Column::kPermitType},
      {"language", Column::kLanguage},
      {"preferredlanguage", Column::kLanguage},
      {"locale", Column::kLanguage},
      {"taal", Column::kLanguage},
      {"voorkeurstaal", Column::kLanguage},
  };
  return *names;
}

const std::map<std::string, bool>& EuAnswers() {
  static const auto* answers = new std::map<std::string, bool>{
      {"yes", true},       {"y", true},      {"true", true},
      {"1", true},         {"ja", true},     {"j", true},
      {"waar", true},      {"eu", true},     {"eea", true},
      {"ees", true},       {"no", false},    {"n", false},
      {"false", false},    {"0", false},     {"nee", false},
      {"onwaar", false},   {"noneu", false}, {"nieteu", false},
      {"buiteneu", false},
  };
  return *answers;
}

const std::map<std::string, v1::PermitType>& PermitNames() {
  static const auto* names = new std::map<std::string, v1::PermitType>{
      {"none", v1::PERMIT_TYPE_NONE},
      {"geen", v1::PERMIT_TYPE_NONE},
      {"notneeded", v1::PERMIT_TYPE_NONE},
      {"nietnodig", v1::PERMIT_TYPE_NONE},
      {"knowledgemigrant", v1::PERMIT_TYPE_KNOWLEDGE_MIGRANT},
      {"highlyskilledmigrant", v1::PERMIT_TYPE_KNOWLEDGE_MIGRANT},
      {"kennismigrant", v1::PERMIT_TYPE_KNOWLEDGE_MIGRANT},
      {"bluecard", v1::PERMIT_TYPE_EU_BLUE_CARD},
      {"eubluecard", v1::PERMIT_TYPE_EU_BLUE_CARD},
      {"blauwekaart", v1::PERMIT_TYPE_EU_BLUE_CARD},
      {"europeseblauwekaart", v1::PERMIT_TYPE_EU_BLUE_CARD},
      {"student", v1::PERMIT_TYPE_STUDENT},
      {"studie", v1::PERMIT_TYPE_STUDENT},
      {"familymember", v1::PERMIT_TYPE_FAMILY_MEMBER},
      {"family", v1::PERMIT_TYPE_FAMILY_MEMBER},
      {"gezinslid", v1::PERMIT_TYPE_FAMILY_MEMBER},
      {"familielid", v1::PERMIT_TYPE_FAMILY_MEMBER},
      {"gezinshereniging", v1::PERMIT_TYPE_FAMILY_MEMBER},
  };
  return *names;
}

// A date as 2026-03-05, or day first as Dutch spreadsheets write it:
// 5-3-2026, 05/03/2026, 5.3.2026.
std::optional<absl::CivilDay> ReadDate(absl::string_view text) {
  if (std::optional<absl::CivilDay> iso = calendar::ParseDate(text)) {
    return iso;
  }
  std::vector<absl::string_view> parts =
      absl::StrSplit(text, absl::ByAnyChar("-/."));
  int day = 0, month = 0, year = 0;
  if (parts.size() != 3 || parts[2].size() != 4 ||
      !absl::SimpleAtoi(parts[0], &day) ||
      !absl::SimpleAtoi(parts[1], &month) ||
      !absl::SimpleAtoi(parts[2], &year)) {
    return std::nullopt;
  }
  absl::CivilDay d(year, month, day);
  if (d.year() != year || d.month() != month || d.day() != day) {
    return std::nullopt;
  }
  return d;
}

struct Header {
  std::array<int, kNewHireColumnCount> index;  // -1: not in the file
  std::vector<std::string> names;              // as written
  const std::string& NameOf(Column c) const {
    static const std::string* none = new std::string;
    int i = index[static_cast<int>(c)];
    return i < 0 ? *none : names[i];
  }
};

absl::StatusOr<Header> ReadHeader(const std::vector<std::string>& fields,
                                  bool nl) {
  Header h;
  h.index.fill(-1);
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string name(absl::StripAsciiWhitespace(fields[i]));
    h.names.push_back(name.substr(0, 60));
    auto it = HeaderNames().find(Normalized(name));
    // Columns Welkom does not use (employee number, department) are left.
    if (it == HeaderNames().end()) continue;
    int& slot = h.index[static_cast<int>(it->second)];
    if (slot >= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(Say(nl, "The file has two columns for the same thing: ",
                           "Het bestand heeft twee kolommen voor hetzelfde: "),
                       h.names[slot], ", ", h.names.back()));
    }
    slot = static_cast<int>(i);
  }
  if (h.index[static_cast<int>(Column::kName)] < 0 ||
      h.index[static_cast<int>(Column::kEmail)] < 0) {
    return absl::InvalidArgumentError(
        Say(nl,
            "The first row must name the columns, with at least Name and "
            "E-mail (see the CSV format in the help).",
            "De eerste rij moet de kolommen noemen, met ten minste Naam en "
            "E-mailadres (zie het CSV-formaat in de help)."));
  }
  return h;
}

// Fills `household` into the profile: "single", "partner", children's
// ages as numbers ("partner, children 4 7").
void ReadHousehold(absl::string_view text, absl::string_view column, bool nl,
                   v1::NewHireRow* row) {
  static const auto* ignored = new std::map<std::string, bool>{
      {"single", false},       {"alone", false},    {"alleen", false},
      {"alleenstaand", false}, {"none", false},     {"geen", false},
      {"partner", true},       {"spouse", true},    {"married", true},
      {"gehuwd", true},        {"getrouwd", true},  {"samenwonend", true},
      {"children", false},     {"child", false},    {"kids", false},
      {"kinderen", false},     {"kind", false},     {"and", false},
      {"en", false},           {"with", false},     {"met", false},
      {"ages", false},         {"aged", false},     {"years", false},
      {"jaar", false},         {"leeftijd", false}, {"leeftijden", false},
  };
  v1::NewcomerProfile* p = row->mutable_profile();
  for (absl::string_view word :
       absl::StrSplit(text, absl::ByAnyChar(" ,;+&()/"), absl::SkipEmpty())) {
    int age = 0;
    if (absl::SimpleAtoi(word, &age)) {
      if (age < 0 || age > 17 || p->children_ages_size() >= 12) {
        AddNewHireError(column,
                        Say(nl,
                            "children's ages go from 0 to 17 (at most 12 "
                            "children)",
                            "leeftijden van kinderen gaan van 0 tot 17 "
                            "(hoogstens 12 kinderen)"),
                        row);
        return;
      }
      p->add_children_ages(age);
      continue;
    }
    auto it = ignored->find(absl::AsciiStrToLower(word));
    if (it == ignored->end()) {
      AddNewHireError(
          column,
          Say(nl,
              "write \"single\" or \"partner\", then children's ages, e.g. "
              "\"partner, children 4 7\"",
              "schrijf \"alleen\" of \"partner\", dan de leeftijden van de "
              "kinderen, bijv. \"partner, kinderen 4 7\""),
          row);
      return;
    }
    if (it->second) p->set_has_partner(true);
  }
}

void SetDate(absl::CivilDay d, v1::Date* out) {
  out->set_year(static_cast<int>(d.year()));
  out->set_month(d.month());
  out->set_day(d.day());
}

NewHireSheetRow ReadRow(const Header& h, const CsvRecord& record, bool nl) {
  NewHireSheetRow out;
  v1::NewHireRow& row = out.row;
  row.set_row(record.row);
  out.email_column = h.NameOf(Column::kEmail);
  out.municipality_column = h.NameOf(Column::kMunicipality);
  auto cell = [&](Column c) -> std::string {
    int i = h.index[static_cast<int>(c)];
    if (i < 0 || static_cast<size_t>(i) >= record.fields.size()) return "";
    return std::string(absl::StripAsciiWhitespace(record.fields[i]));
  };
  const std::string name = cell(Column::kName);
  if (!rpc::RequireText("name", name, 200).ok()) {
    AddNewHireError(h.NameOf(Column::kName),
                    name.empty() ? Say(nl, "is empty", "is leeg")
                                 : Say(nl,
                                       "is too long or holds control "
                                       "characters",
                                       "is te lang of bevat stuurtekens"),
                    &row);
  }
  row.set_display_name(name.substr(0, 200));
  const std::string email = cell(Column::kEmail);
  if (!rpc::RequireEmail("email", email).ok()) {
    AddNewHireError(h.NameOf(Column::kEmail),
                    email.empty() ? Say(nl, "is empty", "is leeg")
                                  : Say(nl, "is not an e-mail address",
                                        "is geen e-mailadres"),
                    &row);
  } else {
    row.set_email(email);
  }
  v1::NewcomerProfile* p = row.mutable_profile();
  for (Column column : {Column::kArrivalDate, Column::kStartDate}) {
    const std::string text = cell(column);
    if (text.empty()) continue;
    std::optional<absl::CivilDay> d = ReadDate(text);
    if (!d.has_value()) {
      AddNewHireError(
          h.NameOf(column),
          Say(nl, "is not a date; write e.g. 2026-03-05 or 5-3-2026",
              "is geen datum; schrijf bijv. 2026-03-05 of 5-3-2026"),
          &row);
      continue;
    }
    SetDate(*d, column == Column::kArrivalDate ? p->mutable_arrival_date()
                                               : p->mutable_start_date());
  }
  if (std::string m = cell(Column::kMunicipality); !m.empty()) {
    p->set_municipality(MunicipalityKey(m));
  }
  ReadHousehold(cell(Column::kHousehold), h.NameOf(Column::kHousehold), nl,
                &row);
  if (std::string eu = Normalized(cell(Column::kEuCitizen)); !eu.empty()) {
    auto it = EuAnswers().find(eu);
    if (it == EuAnswers().end()) {
      AddNewHireError(h.NameOf(Column::kEuCitizen),
                      Say(nl, "write yes (EU/EEA/Swiss citizen) or no",
                          "schrijf ja (burger van EU/EER/Zwitserland) of nee"),
                      &row);
    } else {
      p->set_eu_citizen(it->second);
    }
  }
  if (std::string permit = Normalized(cell(Column::kPermitType));
      !permit.empty()) {
    auto it = PermitNames().find(permit);
    if (it == PermitNames().end()) {
      AddNewHireError(h.NameOf(Column::kPermitType),
                      Say(nl,
                          "write none, knowledge migrant, EU Blue Card, "
                          "student or family member",
                          "schrijf geen, kennismigrant, Europese blauwe "
                          "kaart, student of gezinslid"),
                      &row);
    } else if (p->eu_citizen() && it->second != v1::PERMIT_TYPE_NONE) {
      AddNewHireError(h.NameOf(Column::kPermitType),
                      Say(nl, "EU/EEA/Swiss citizens need no residence permit",
                          "burgers van EU/EER/Zwitserland hebben geen "
                          "verblijfsvergunning nodig"),
                      &row);
    } else {
      p->set_permit_type(it->second);
    }
  }
  const std::string language = Normalized(cell(Column::kLanguage));
  if (language.empty() || language == "en" || language == "english" ||
      language == "engels") {
    row.set_locale("en");
  } else if (language == "nl" || language == "dutch" ||
             language == "nederlands") {
    row.set_locale("nl");
  } else {
    AddNewHireError(h.NameOf(Column::kLanguage),
                    Say(nl, "write English or Dutch (en or nl)",
                        "schrijf Engels of Nederlands (en of nl)"),
                    &row);
  }
  return out;
}

}  // namespace

std::string MunicipalityKey(absl::string_view name) {
  std::string key;
  for (char c : absl::StripAsciiWhitespace(name)) {
    key.push_back(c == ' ' ? '-' : absl::ascii_tolower(c));
  }
  return key;
}

void AddNewHireError(absl::string_view column, std::string message,
                     v1::NewHireRow* row) {
  v1::NewHireError* e = row->add_errors();
  e->set_column(std::string(column));
  e->set_message(std::move(message));
  row->set_outcome(v1::NEW_HIRE_OUTCOME_INVALID);
}

absl::StatusOr<std::vector<NewHireSheetRow>> ReadNewHireSheet(
    absl::string_view csv, bool nl) {
  if (csv.size() > kMaxNewHireFileBytes) {
    return absl::ResourceExhaustedError(
        Say(nl, "The file is larger than 1 MiB; split it into smaller files.",
            "Het bestand is groter dan 1 MiB; splits het in kleinere "
            "bestanden."));
  }
  CsvTable table = ReadCsv(csv);
  if (table.problem != CsvProblem::kNone) {
    return absl::InvalidArgumentError(absl::StrCat(
        Say(nl, "Row ", "Rij "), table.problem_row,
        table.problem == CsvProblem::kUnclosedQuote
            ? Say(nl, ": a quote (\") is opened and never closed.",
                  ": een aanhalingsteken (\") wordt geopend en nooit "
                  "gesloten.")
            : Say(nl, ": text follows a closing quote (\").",
                  ": er staat tekst na een sluitend aanhalingsteken (\").")));
  }
  if (table.records.empty()) {
    return absl::InvalidArgumentError(
        Say(nl, "The file is empty.", "Het bestand is leeg."));
  }
  if (table.records.size() - 1 > static_cast<size_t>(kMaxNewHireRows)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        Say(nl, "The file has more than ", "Het bestand heeft meer dan "),
        kMaxNewHireRows,
        Say(nl, " rows; split it into smaller files.",
            " rijen; splits het in kleinere bestanden.")));
  }
  absl::StatusOr<Header> header = ReadHeader(table.records.front().fields, nl);
  if (!header.ok()) return header.status();
  std::vector<NewHireSheetRow> rows;
  std::map<std::string, int> first_row_of_email;
  for (size_t i = 1; i < table.records.size(); ++i) {
    NewHireSheetRow r = ReadRow(*header, table.records[i], nl);
    if (!r.row.email().empty()) {
      auto [it, fresh] = first_row_of_email.emplace(
          absl::AsciiStrToLower(r.row.email()), r.row.row());
      if (!fresh) {
        AddNewHireError(r.email_column,
                        absl::StrCat(Say(nl, "the same address is in row ",
                                         "hetzelfde adres staat in rij "),
                                     it->second),
                        &r.row);
      }
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace welkom::api
