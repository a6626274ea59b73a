// File: journey_consent.h
// The newcomer's control over their journey's privacy (part of
// welkom.v1.JourneyService): GrantConsent and WithdrawConsent decide whether
// the Expat Center's advisors may see the journey, effective with the next
// call; ListAuditLog shows the newcomer every read or change of the journey
// by someone else. Only the journey's newcomer may call them
// (auth::CanManageJourneyPrivacy).
#ifndef WELKOM_SERVER_API_JOURNEY_JOURNEY_CONSENT_H_
#define WELKOM_SERVER_API_JOURNEY_JOURNEY_CONSENT_H_

#include "server/flows/journey_audit_writer.h"
#include "server/flows/journey_definitions.h"
#include "server/rpc/dispatcher.h"
#include "server/store/journey_audit_store.h"
#include "welkom/v1/journey.pb.h"

namespace welkom::api {

inline constexpr char kGrantConsent[] =
    "/welkom.v1.JourneyService/GrantConsent";
inline constexpr char kWithdrawConsent[] =
    "/welkom.v1.JourneyService/WithdrawConsent";
inline constexpr char kListAuditLog[] =
    "/welkom.v1.JourneyService/ListAuditLog";

// Registers the three methods; `definitions` and `audit_writer` must
// outlive the dispatcher. ListAuditLog flushes `audit_writer` first, so it
// lists every read answered before it.
void RegisterConsentMethods(rpc::Dispatcher* dispatcher,
                            flows::JourneyDefinitions* definitions,
                            flows::JourneyAuditWriter* audit_writer);

// One audit entry as the journey's newcomer sees it.
void ToProtoEntry(const store::AuditRow& row, v1::AuditEntry* out);

}  // namespace welkom::api

#endif  // WELKOM_SERVER_API_JOURNEY_JOURNEY_CONSENT_H_
