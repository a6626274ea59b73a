// File: id_page.h
// One page of a list paged by id, newest first (DecodeIdPageToken in
// validation.h): read `size` + 1 rows below the token's id, hand the first
// `size` to the response, and answer the next page's token (empty when the
// extra row was not there, the only end-of-list signal).
//
//   WELKOM_ASSIGN_OR_RETURN(auto rows, ListThings(c, before, size + 1));
//   resp->set_next_page_token(TakeIdPage(rows, size, [&](const auto& r) {
//     ToProto(r, resp->add_things());
//   }));
#ifndef WELKOM_SERVER_RPC_ID_PAGE_H_
#define WELKOM_SERVER_RPC_ID_PAGE_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/rpc/validation.h"

namespace welkom::rpc {

// `Row` has an integer `id`; `add` is called with each row of the page.
template <typename Row, typename Add>
std::string TakeIdPage(const std::vector<Row>& rows, int size, Add add) {
  const size_t page = static_cast<size_t>(size);
  for (size_t i = 0; i < rows.size() && i < page; ++i) add(rows[i]);
  if (rows.size() <= page || page == 0) return "";
  return EncodePageToken(absl::StrCat(rows[page - 1].id));
}

}  // namespace welkom::rpc

#endif  // WELKOM_SERVER_RPC_ID_PAGE_H_
