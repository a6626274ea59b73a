// The C ABI's consent, check-in and buddy entry points over
// welkom::sdk::Client. Changes need the server (WELKOM_UNAVAILABLE offline)
// and answer the new state as serialized messages; profiles and
// preferences come in serialized too; the matches come as a serialized
// welkom.v1.ListMatchesResponse.
#include <string>

#include "bridge_internal.h"
#include "welkom.h"
#include "welkom/v1/buddy.pb.h"

using welkom::bridge::FillError;
using welkom::bridge::Guard;
using welkom::bridge::MessageResult;
using welkom::bridge::Parse;
using welkom::sdk::Source;

namespace {

bool RequireId(const char* id, welkom_error* err) {
  if (id != nullptr && *id != '\0') return true;
  FillError(err, absl::InvalidArgumentError("match_id: is required"));
  return false;
}

}  // namespace

welkom_buffer* welkom_client_grant_consent(welkom_client* client,
                                           welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(client->client->GrantConsent(), err);
  });
}

welkom_buffer* welkom_client_withdraw_consent(welkom_client* client,
                                              welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(client->client->WithdrawConsent(), err);
  });
}

welkom_buffer* welkom_client_submit_check_in(welkom_client* client, int day,
                                             int score, const char* comment,
                                             welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(client->client->SubmitCheckIn(
                             day, score, comment == nullptr ? "" : comment),
                         err);
  });
}

welkom_buffer* welkom_client_buddy_preferences(welkom_client* client,
                                               welkom_source source,
                                               welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(
        client->client->BuddyPreferences(static_cast<Source>(source)), err);
  });
}

welkom_buffer* welkom_client_set_buddy_preferences(welkom_client* client,
                                                   const uint8_t* preferences,
                                                   size_t preferences_size,
                                                   welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&]() -> welkom_buffer* {
    welkom::v1::NewcomerPreferences in;
    if (!Parse(preferences, preferences_size, &in, err)) return nullptr;
    return MessageResult(client->client->SetBuddyPreferences(std::move(in)),
                         err);
  });
}

welkom_buffer* welkom_client_buddy_profile(welkom_client* client,
                                           welkom_source source,
                                           welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&] {
    return MessageResult(
        client->client->BuddyProfile(static_cast<Source>(source)), err);
  });
}

welkom_buffer* welkom_client_update_buddy_profile(welkom_client* client,
                                                  const uint8_t* profile,
                                                  size_t profile_size,
                                                  welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&]() -> welkom_buffer* {
    welkom::v1::BuddyProfile in;
    if (!Parse(profile, profile_size, &in, err)) return nullptr;
    return MessageResult(client->client->UpdateBuddyProfile(std::move(in)),
                         err);
  });
}

welkom_buffer* welkom_client_matches(welkom_client* client,
                                     welkom_source source,
                                     welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&]() -> welkom_buffer* {
    auto matches = client->client->Matches(static_cast<Source>(source));
    if (!matches.ok()) {
      FillError(err, matches.status());
      return nullptr;
    }
    welkom::v1::ListMatchesResponse out;
    out.mutable_matches()->Assign(matches->begin(), matches->end());
    return welkom::bridge::NewBuffer(out.SerializeAsString());
  });
}

welkom_buffer* welkom_client_answer_proposal(welkom_client* client,
                                             const char* match_id, bool accept,
                                             welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&]() -> welkom_buffer* {
    if (!RequireId(match_id, err)) return nullptr;
    return MessageResult(client->client->AnswerProposal(match_id, accept), err);
  });
}

welkom_buffer* welkom_client_request_rematch(welkom_client* client,
                                             const char* match_id,
                                             welkom_error* err) noexcept {
  return Guard<welkom_buffer*>(err, nullptr, [&]() -> welkom_buffer* {
    if (!RequireId(match_id, err)) return nullptr;
    return MessageResult(client->client->RequestRematch(match_id), err);
  });
}

bool welkom_client_online(welkom_client* client) noexcept {
  return Guard<bool>(nullptr, false, [&] { return client->client->online(); });
}
