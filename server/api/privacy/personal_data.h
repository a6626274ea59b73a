// File: personal_data.h
// PrivacyService.ExportMyData: everything Welkom holds about the caller,
// gathered from every store that keeps something of a member, each part
// mapped by the view its own service uses, so the export reads as the
// person sees those records elsewhere. docs/PRIVACY.md lists the tables;
// privacy_test checks that each table with personal data is covered here.
#ifndef WELKOM_SERVER_API_PRIVACY_PERSONAL_DATA_H_
#define WELKOM_SERVER_API_PRIVACY_PERSONAL_DATA_H_

#include "absl/status/status.h"
#include "server/flows/journey_definitions.h"
#include "server/rpc/call.h"
#include "welkom/v1/privacy.pb.h"

namespace welkom::api {

// Fills `out` with the caller's data as of the call. Reads on `call.conn`.
absl::Status CollectPersonalData(rpc::Call& call,
                                 flows::JourneyDefinitions& definitions,
                                 v1::PersonalData* out);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_PRIVACY_PERSONAL_DATA_H_
