#include "server/flows/journey_audit_writer.h"

#include "absl/strings/str_cat.h"
#include "server/base/log.h"
#include "server/base/status_macros.h"

namespace welkom::flows {
namespace {

absl::Status CopyRows(store::Connection& c,
                      const std::vector<store::AuditRow>& rows,
                      const store::AuditJournalState& state) {
  for (const store::AuditRow& row : rows) {
    WELKOM_RETURN_IF_ERROR(store::InsertAuditEntryIfJourneyExists(c, row));
  }
  return store::SetAuditJournalState(c, state);
}

}  // namespace

absl::StatusOr<std::unique_ptr<JourneyAuditWriter>> JourneyAuditWriter::Open(
    store::Database* db, const std::string& journal_path, Options options) {
  WELKOM_ASSIGN_OR_RETURN(std::unique_ptr<store::AuditJournal> journal,
                          store::AuditJournal::Open(journal_path));
  store::AuditJournalState state;
  WELKOM_RETURN_IF_ERROR(db->Read([&](store::Connection& c) -> absl::Status {
    WELKOM_ASSIGN_OR_RETURN(state, store::GetAuditJournalState(c));
    return absl::OkStatus();
  }));
  // The state names the generation it was copied from; another generation
  // means the journal started over after all of its old rows were copied.
  const int64_t from = state.generation == journal->generation()
                           ? state.copied_bytes
                           : journal->header_bytes();
  WELKOM_ASSIGN_OR_RETURN(store::AuditJournal::Records left,
                          journal->ReadFrom(from));
  if (!left.rows.empty()) {
    WELKOM_RETURN_IF_ERROR(db->Write([&](store::Connection& c) {
      return CopyRows(c, left.rows, {journal->generation(), left.end});
    }));
    Log(LogLevel::kInfo, "audit_journal_recovered",
        {{"entries", absl::StrCat(left.rows.size())}});
  }
  // Start over: also drops a record cut short by the crash.
  WELKOM_RETURN_IF_ERROR(journal->Restart());
  WELKOM_RETURN_IF_ERROR(db->Write([&](store::Connection& c) {
    return store::SetAuditJournalState(
        c, {journal->generation(), journal->header_bytes()});
  }));
  std::unique_ptr<JourneyAuditWriter> writer(
      new JourneyAuditWriter(db, std::move(journal), options));
  writer->thread_ = std::thread([w = writer.get()] { w->Loop(); });
  return writer;
}

JourneyAuditWriter::~JourneyAuditWriter() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

absl::Status JourneyAuditWriter::Append(
    const std::vector<store::AuditRow>& rows) {
  if (rows.empty()) return absl::OkStatus();
  absl::MutexLock lock(&mu_);
  WELKOM_RETURN_IF_ERROR(journal_->Append(rows));
  pending_.insert(pending_.end(), rows.begin(), rows.end());
  appended_ += static_cast<int64_t>(rows.size());
  return absl::OkStatus();
}

absl::Status JourneyAuditWriter::Flush() {
  absl::MutexLock lock(&mu_);
  const int64_t target = appended_;
  const int64_t failures = failures_;
  flush_requested_ = true;
  struct Wait {
    JourneyAuditWriter* w;
    int64_t target, failures;
  } wait{this, target, failures};
  mu_.Await(absl::Condition(
      +[](Wait* x) ABSL_NO_THREAD_SAFETY_ANALYSIS {
        return x->w->copied_ >= x->target || x->w->failures_ > x->failures;
      },
      &wait));
  return copied_ >= target ? absl::OkStatus() : last_error_;
}

void JourneyAuditWriter::Loop() {
  absl::MutexLock lock(&mu_);
  while (true) {
    mu_.AwaitWithTimeout(
        absl::Condition(
            +[](JourneyAuditWriter* w) ABSL_EXCLUSIVE_LOCKS_REQUIRED(w->mu_) {
              return w->stopping_ ||
                     (!w->pending_.empty() &&
                      (w->flush_requested_ ||
                       w->pending_.size() >= w->options_.batch));
            },
            this),
        options_.interval);
    flush_requested_ = false;
    if (!pending_.empty()) {
      const int64_t failures = failures_;
      CopyPending();
      // On stopping, a failed copy is left in the journal for the next start.
      if (stopping_ && failures_ > failures) return;
    }
    if (stopping_ && pending_.empty()) return;
  }
}

void JourneyAuditWriter::CopyPending() {
  std::vector<store::AuditRow> batch;
  batch.swap(pending_);
  const store::AuditJournalState state{journal_->generation(),
                                       journal_->size()};
  mu_.Unlock();
  absl::Status status = db_->Write(
      [&](store::Connection& c) { return CopyRows(c, batch, state); });
  mu_.Lock();
  if (!status.ok()) {
    // Kept for the next copy (and in the journal); Flush() reports it.
    pending_.insert(pending_.begin(), batch.begin(), batch.end());
    ++failures_;
    last_error_ = status;
    Log(LogLevel::kWarning, "audit_copy_failed",
        {{"entries", absl::StrCat(batch.size())},
         {"code", std::string(absl::StatusCodeToString(status.code()))}});
    return;
  }
  copied_ += static_cast<int64_t>(batch.size());
  MaybeRestart();
}

void JourneyAuditWriter::MaybeRestart() {
  if (!pending_.empty() || journal_->size() < options_.restart_bytes) return;
  // mu_ is held, so no Append runs until the new generation is recorded.
  absl::Status status = journal_->Restart();
  if (status.ok()) {
    // Read under mu_ here: the analysis cannot see that the write below
    // runs on this thread while mu_ is held.
    const store::AuditJournalState state{journal_->generation(),
                                         journal_->header_bytes()};
    status = db_->Write([&state](store::Connection& c) {
      return store::SetAuditJournalState(c, state);
    });
  }
  // Harmless if it failed: at the next start a generation that does not
  // match the state is read from its first record.
  if (!status.ok()) {
    Log(LogLevel::kWarning, "audit_journal_restart_failed",
        {{"code", std::string(absl::StatusCodeToString(status.code()))}});
  }
}

}  // namespace welkom::flows
