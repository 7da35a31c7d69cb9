// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Reading an import file (CSV or JSON Lines) into create bodies, one per user record.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <vector>

#include "format.hpp"
#include "losant/experience_users/error.hpp"
#include "losant/experience_users/models.hpp"
#include "losant/experience_users/result.hpp"

namespace losant::cli {

/// One user record of an import file.
struct ImportRecord {
  /// 1 for the first user record: in CSV the header is not counted, in JSON Lines blank lines
  /// are not.
  std::size_t row = 0;
  /// The create body; `password` is empty when the record has none.
  experience_users::ExperienceUserPost post;
  /// Group names from a CSV `groupNames` cell, to be resolved to ids before anything is sent.
  std::vector<std::string> group_names;
  /// Why the record could not be read (its body is then incomplete).
  std::optional<experience_users::Error> error;
};

/**
 * Reads every user record of @p in, written in @p format (kCsv: a header, then one record per
 * user, see CsvPostMapping; kJsonl: see parse_import_record). A record that cannot be read is
 * kept with its error, so that every problem can be reported at once; a problem with the file
 * as a whole (no header, an unknown column, broken CSV quoting, a read error) is the error
 * returned.
 */
experience_users::Result<std::vector<ImportRecord>> read_import_file(std::istream& in,
                                                                     Format format);

}  // namespace losant::cli
