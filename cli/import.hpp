// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// `import`: users from a CSV or JSON Lines file, checked first, then created concurrently.
#pragma once

#include <iosfwd>
#include <string>

#include "error_words.hpp"
#include "exit_code.hpp"
#include "format.hpp"
#include "losant/experience_users/client.hpp"

namespace losant::cli {

/// What `import` was asked for.
struct ImportOptions {
  std::string in_path;           ///< The file to read; `-`: stdin.
  Format format = Format::kCsv;  ///< kCsv or kJsonl.
  int concurrency = 8;           ///< Create requests in flight at most (1..64).
  std::string report_path;       ///< Where to write the report (created 0600); empty: none.
  /// Where to write the passwords generated for records without one (a new file, 0600);
  /// empty: such records are invalid.
  std::string passwords_path;
  bool dry_run = false;  ///< Check every record, send nothing.
};

/**
 * Imports the users of the input file, streamed: memory does not grow with its size.
 *
 * 1. Reads every record and checks it: the file's syntax, then the SDK's validate(), then that
 *    no email appears twice (a hash of each email and its row, 16 bytes a row; rows whose
 *    hashes collide read again and compared whole). Every invalid record is reported on
 *    @p err with its row number and the rule it broke (never its password); if there is one,
 *    nothing is sent (exit 3).
 * 2. With `dry_run`, stops there.
 * 3. Checks the token and the application with one small list request, writes the generated
 *    passwords (if any) to their file in a pass of their own and syncs it, then reads the file
 *    again as create_many() takes records (at most `concurrency` held), with a progress bar on
 *    @p err when stderr is a terminal. A user that already exists is `skipped`, so a second
 *    run with the same file creates only what is missing.
 * 4. Writes each outcome to the report as it happens (`row,email,outcome,user_id,error,detail`;
 *    a skipped record gets the existing user's id and says which fields differ), so that a run
 *    killed at any moment leaves a report of what it did; then a summary on @p out.
 *
 * Errors are described in @p words (the flags and sources the user gave).
 *
 * @return kOk when every record was created or skipped; kPartial when some failed (or the code
 *         of their common error, when all failed alike and none succeeded).
 */
ExitCode run_import(const experience_users::ExperienceUsersClient& client,
                    const std::string& application_id, const ImportOptions& options,
                    std::ostream& out, std::ostream& err, const ErrorWords& words);

}  // namespace losant::cli
