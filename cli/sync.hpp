// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// `sync`: make the application's users what a CSV or JSON Lines file says, keyed by email.
#pragma once

#include <iosfwd>
#include <string>

#include <CLI/CLI.hpp>

#include "error_words.hpp"
#include "exit_code.hpp"
#include "format.hpp"
#include "losant/experience_users/client.hpp"

namespace losant::cli {

/// What `sync` was asked for.
struct SyncOptions {
  std::string in_path;           ///< The file to read; `-`: stdin.
  Format format = Format::kCsv;  ///< kCsv or kJsonl.
  int concurrency = 8;           ///< Write requests in flight at most (1..64).
  std::string report_path;       ///< Where to write the report (created 0600); empty: none.
  /// Where to write the passwords generated for new users whose record has none (a new file,
  /// 0600); empty: such records are invalid.
  std::string passwords_path;
  bool prune = false;    ///< Delete the users the file does not name.
  bool dry_run = false;  ///< Print the plan, send nothing that writes.
};

/// Adds sync's options (`--in`, `--prune`, `--dry-run`, `--report`, `--concurrency`,
/// `--generate-passwords`) to the `sync` command @p command.
void define_sync(CLI::App& command, SyncOptions& options);

/**
 * Makes the users of @p application_id match the input file (docs/cli.md, `sync`).
 *
 * 1. Lists every user (keyset paging), holding of each only what the comparison needs
 *    (StoredUser), sorted by email.
 * 2. Reads the file one record at a time and checks each (syntax, the SDK's validate(), an
 *    email no other record has ignoring case, group names, a password for a user to be
 *    created), comparing it with the stored user of its email: to create, to update (the
 *    fields that differ), or unchanged. With `prune`, the users no record names are to be
 *    deleted. If any record is invalid, nothing is sent (exit 3).
 * 3. With `dry_run`, prints the plan (counts, then one line per user to change).
 * 4. Otherwise writes the generated passwords (synced), creates with create_many(), updates
 *    with update_many() (minimal patches), deletes with remove_many(); every outcome goes to the
 *    report as it happens. A second run with the same file sends no write.
 *
 * @return kOk when every write succeeded; kPartial when some failed (or the code of their
 *         common error, when all failed alike and none succeeded).
 */
ExitCode run_sync(const experience_users::ExperienceUsersClient& client,
                  const std::string& application_id, const SyncOptions& options, std::ostream& out,
                  std::ostream& err, const ErrorWords& words);

}  // namespace losant::cli
