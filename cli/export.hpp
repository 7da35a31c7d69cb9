// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// `export`: every matching user, streamed to a file or stdout as JSON Lines, CSV or JSON.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "error_words.hpp"
#include "exit_code.hpp"
#include "format.hpp"
#include "losant/experience_users/client.hpp"

namespace losant::cli {

/// What `export` was asked for, besides the list query.
struct ExportOptions {
  Format format = Format::kJsonl;        ///< kJsonl, kCsv or kJson.
  std::string out_path;                  ///< The output file (created 0600); empty or `-`: stdout.
  std::vector<std::string> tag_columns;  ///< CSV: tags that get a `tag.KEY` column of their own.
  bool consistent = false;  ///< `--consistent`: keyset paging (sorted by id), stable under writes.
};

/// The page size export asks for when `--per-page` is not given: the API's largest.
inline constexpr std::int64_t kExportPageSize = 1000;

/**
 * Streams every user matching @p query to the output, each written as it arrives: memory stays
 * at one page whatever the total. JSON Lines: one to_json(user) a line. JSON: one array, written
 * element by element. CSV: UserCsvColumns. A progress bar (done/total from the first page's
 * totalCount, rate, ETA) is drawn on @p err when stderr is a terminal.
 *
 * Errors are described in @p words (the flags and sources the user gave).
 *
 * @return the exit code; on an error after some users were written, the message says how many
 *         and that the output is incomplete.
 */
ExitCode run_export(const experience_users::ExperienceUsersClient& client,
                    const std::string& application_id, experience_users::ListQuery query,
                    const ExportOptions& options, std::ostream& out, std::ostream& err,
                    const ErrorWords& words);

}  // namespace losant::cli
