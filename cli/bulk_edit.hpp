// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// `update --in FILE` and `delete --in FILE`: many users changed or deleted from a file,
/// checked as a whole before the first request that writes, then streamed through the SDK's
/// update_many() / remove_many().
#pragma once

#include <iosfwd>
#include <string>

#include "bulk_input.hpp"
#include "bulk_run.hpp"
#include "error_words.hpp"
#include "exit_code.hpp"
#include "losant/experience_users/client.hpp"

namespace losant::cli {

/**
 * Updates (kUpdate) or deletes (kDelete) the users the records of `options.in_path` name.
 *
 * The file is read several times, one record at a time, never whole:
 * 1. every record is read and checked (syntax, the SDK's validate()) and the emails used as
 *    keys are collected;
 * 2. those emails are looked up (find_ids_by_email);
 * 3. every record is settled: its user's id, and that no earlier row names the same user. An
 *    unknown email is an error for update and `not-found` for delete. Any invalid row: every
 *    one is reported on @p err, nothing is sent (exit 3). With `dry_run`, stops here;
 * 4. delete asks for confirmation on a terminal (unless `yes`); a small list request checks the
 *    token; then the records are read once more and streamed through update_many() /
 *    remove_many(), each outcome written to the report as it settles.
 *
 * Memory: one record and the requests in flight, plus one entry per row for the duplicate
 * check (about 50 bytes) and one per distinct email key (the email and its id).
 */
ExitCode run_edit_file(EditKind kind, const experience_users::ExperienceUsersClient& client,
                       const std::string& application_id, const BulkEditOptions& options,
                       std::ostream& out, std::ostream& err, const ErrorWords& words);

}  // namespace losant::cli
