// File: employer_template.h
// An employer's template on top of the regional catalogue: company steps
// added, non-legal regional steps left out. The result is one Catalogue that
// plans and shows the journeys of that employer's newcomers.
//
//   WELKOM_RETURN_IF_ERROR(ValidateTemplate(regional, tpl));
//   WELKOM_ASSIGN_OR_RETURN(Catalogue merged, WithTemplate(regional, tpl));
#ifndef WELKOM_SERVER_DOMAIN_JOURNEY_EMPLOYER_TEMPLATE_H_
#define WELKOM_SERVER_DOMAIN_JOURNEY_EMPLOYER_TEMPLATE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/domain/journey/catalogue.h"
#include "welkom/v1/template.pb.h"

namespace welkom::journey {

// Keys of company steps start with this, so they never collide with a
// regional step.
inline constexpr absl::string_view kCompanyStepPrefix = "company_";

// True for keys of company (employer) steps.
bool IsCompanyStep(absl::string_view key);

// Checks a template an employer wants to save against `regional`:
// FAILED_PRECONDITION naming a regional legal step the template would leave
// out; INVALID_ARGUMENT naming the field for anything else (a key without
// the company_ prefix or equal to a regional key, an owner other than HR or
// the newcomer, a missing anchor, an offset beyond a year, a missing English
// or Dutch title, an unknown dependency, a dependency cycle, an unknown or
// repeated omitted step).
absl::Status ValidateTemplate(const Catalogue& regional,
                              const v1::EmployerTemplate& tpl);

// `regional` without the template's omitted steps (and without
// dependencies on them), followed by its company steps. The version is the
// regional one. The template must be valid against `regional`; a template
// saved against an older catalogue whose omitted step became legal keeps
// that step (legal steps are never left out).
absl::StatusOr<Catalogue> WithTemplate(const Catalogue& regional,
                                       const v1::EmployerTemplate& tpl);

}  // namespace welkom::journey

#endif  // WELKOM_SERVER_DOMAIN_JOURNEY_EMPLOYER_TEMPLATE_H_
