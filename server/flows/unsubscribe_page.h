// File: unsubscribe_page.h
// The page behind a mail's one-click unsubscribe link (RFC 8058), served
// without a login on welkomd's HTTP port:
//   GET  /unsubscribe/<token>  a small page in the member's language that
//                              names the kind and asks to confirm (a POST)
//   POST /unsubscribe/<token>  turns that kind off (a mail client's
//                              "List-Unsubscribe=One-Click" or the button)
// A token Welkom did not sign, or of a member who is gone, answers 404.
#ifndef WELKOM_SERVER_FLOWS_UNSUBSCRIBE_PAGE_H_
#define WELKOM_SERVER_FLOWS_UNSUBSCRIBE_PAGE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/store/database.h"

namespace welkom::flows {

struct UnsubscribeAnswer {
  int http_status = 200;
  std::string html;
};

// The answer to a GET (`post` false) or POST of the link with `token`.
absl::StatusOr<UnsubscribeAnswer> AnswerUnsubscribe(store::Database& db,
                                                    absl::string_view token,
                                                    bool post);

// What a kind is about, for people ("Cancelled events"); the kind itself
// if it has no name.
std::string KindLabel(absl::string_view kind, bool nl);

}  // namespace welkom::flows

#endif  // WELKOM_SERVER_FLOWS_UNSUBSCRIBE_PAGE_H_
