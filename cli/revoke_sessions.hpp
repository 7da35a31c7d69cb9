// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// `revoke-sessions`: sets `tokenCutoff` to now for every user that matches the filters.
#pragma once

#include <iosfwd>
#include <string>

#include "bulk_run.hpp"
#include "error_words.hpp"
#include "exit_code.hpp"
#include "losant/experience_users/client.hpp"

namespace losant::cli {

/// Whether @p query selects some users rather than all (a filter, a group or a non-empty
/// advanced query).
bool has_filter(const experience_users::ListQuery& query);

/**
 * Revokes the sessions of the users @p query matches (its filters already resolved): one
 * listing counts them (and, with `dry_run`, prints each one and stops); on a terminal the count
 * is confirmed unless `yes`; a second listing, keyset paging by id (a sort that the update
 * cannot disturb, even for a query on tokenCutoff or lastUpdated), streams them through
 * update_many(), each with the same `tokenCutoff`: the time the updates started. Without a
 * filter it refuses (exit 2) unless `all`.
 */
ExitCode run_revoke_sessions(const experience_users::ExperienceUsersClient& client,
                             const std::string& application_id, experience_users::ListQuery query,
                             const BulkEditOptions& options, std::ostream& out, std::ostream& err,
                             const ErrorWords& words);

}  // namespace losant::cli
