// File: notification_rows.h
// Stores a notification straight in welkomd's database file, as an
// out-of-process producer would (live delivery must not depend on the
// producer calling the server). For tests only.
#ifndef WELKOM_TESTS_SUPPORT_NOTIFICATION_ROWS_H_
#define WELKOM_TESTS_SUPPORT_NOTIFICATION_ROWS_H_

#include <cstdint>
#include <string>

namespace welkom::testing {

// Inserts one unread notification for `recipient_id` and returns its id;
// fails the running test if the insert fails.
int64_t InsertNotification(const std::string& db_path,
                           const std::string& recipient_id,
                           const std::string& kind,
                           const std::string& title_en = "Hello",
                           const std::string& title_nl = "Hallo");

}  // namespace welkom::testing

#endif  // WELKOM_TESTS_SUPPORT_NOTIFICATION_ROWS_H_
