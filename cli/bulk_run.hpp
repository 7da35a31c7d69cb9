// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// What the bulk edits (`update --in`, `delete --in`, `revoke-sessions`) share: their options,
/// the report written as outcomes settle, the counts and exit code, the progress bar, and the
/// confirmation asked on a terminal.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "error_words.hpp"
#include "exit_code.hpp"
#include "losant/experience_users/bulk.hpp"
#include "progress.hpp"
#include "report.hpp"

namespace losant::cli {

/// What `update --in`, `delete --in` and `revoke-sessions` were asked for.
struct BulkEditOptions {
  std::string in_path;      ///< update, delete: the input file; empty: the one USER_ID.
  std::string report_path;  ///< Where to write the report (0600); empty: none.
  int concurrency = 8;      ///< Requests in flight at most (1..64).
  bool dry_run = false;     ///< Check (and count) everything, change nothing.
  bool yes = false;         ///< delete --in, revoke-sessions: do not ask on a terminal.
  bool all = false;         ///< revoke-sessions: every user of the application.
};

/// What became of one input row, as the report names it.
enum class RowOutcome {
  kUpdated,   ///< `updated`
  kDeleted,   ///< `deleted`
  kNotFound,  ///< `not-found`: delete: no such user (already gone); not a failure
  kFailed,    ///< `failed`: sent, not done (see the error)
  kInvalid,   ///< `invalid`: broke a rule; nothing was sent
  kValid,     ///< `valid`: checked, not sent (a dry run, or another row was invalid)
};

/// The report's name of @p outcome.
std::string_view to_string(RowOutcome outcome) noexcept;

/**
 * One bulk edit's bookkeeping: each row's outcome goes to the report (a LiveReport: on disk as
 * it settles), failures to stderr, and into the counts that make the summary and exit code.
 *
 * @par Thread Safety
 * record() may be called from any thread (the bulk call's source and sink run on its workers).
 */
class BulkRun {
 public:
  /// @p command names the run in messages (`update`, `delete`, `revoke-sessions`).
  BulkRun(std::string command, std::ostream& err, const ErrorWords& words);

  /// Opens the report at @p path (header `row,user_id,email,outcome,error`); false, with the
  /// error printed, when it cannot be opened.
  bool open_report(const std::string& path);
  /// Writes one row's outcome: to the report, and for kFailed and kInvalid an error line on
  /// stderr (kNotFound: a note) when @p print.
  void record(std::size_t row, const std::string& user_id, const std::string& email,
              RowOutcome outcome, const std::optional<experience_users::Error>& error,
              bool print = true);
  /// `row 7 (ada@example.com)`: how messages name a row.
  static std::string describe_row(std::size_t row, const std::string& user_id,
                                  const std::string& email);

  /// Settles the report (synced, closed); false, with the error printed, when writing failed.
  bool finish_report();
  /// The count of rows recorded with @p outcome.
  std::size_t count(RowOutcome outcome) const;
  /// kOk when nothing failed; when some failed: the code of their common error if nothing
  /// succeeded, else kPartial. kInternal when everything else went well but the report could
  /// not be written.
  ExitCode exit_code() const;

  /// BulkOptions with @p concurrency and a progress bar on stderr (when it is a terminal) over
  /// @p total inputs; the bar is finished by finish_progress().
  experience_users::BulkOptions bulk_options(int concurrency, std::optional<std::size_t> total);
  void finish_progress();  ///< Ends the progress bar's line.

 private:
  std::string command_;
  std::ostream& err_;
  const ErrorWords& words_;
  mutable std::mutex mu_;
  std::optional<LiveReport> report_;
  bool report_failed_ = false;
  std::size_t counts_[6] = {};
  std::set<ExitCode> failures_;
  std::optional<ProgressBar> progress_;
};

/**
 * When stdin and stderr are terminals and @p yes is false: asks @p question followed by
 * ` [y/N] ` on @p err and reads one line from stdin; true for `y` or `yes` (any case). Without
 * a terminal (a script, a pipe) there is no one to ask: true, as for a single delete.
 */
bool confirmed(const std::string& question, bool yes, std::ostream& err);

}  // namespace losant::cli
