// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Users as CSV: the columns written by `export`, `list` and `get`, and the columns `import`
/// reads back into create bodies. One place for the column names and the `tags` cell format.
///
/// Columns written: `id,email,firstName,lastName,creationDate,lastUpdated,lastLogin,
/// tokenCutoff,groups,tags`, then one `tag.KEY` column per key asked for. `groups` holds the
/// group ids separated by `;`. `tags` holds the tags that have no column of their own as
/// `key=value` pairs separated by `;`, with `\` escaping `\`, `;` and `=` inside keys and values
/// (the number of tag keys is not known before the last user has been streamed, so they cannot
/// all be columns). Dates are the API's ISO 8601 form; an absent field is an empty cell.
#pragma once

#include <string>
#include <vector>

#include "losant/experience_users/models.hpp"
#include "losant/experience_users/result.hpp"

namespace losant::cli {

/// The CSV columns of a user, as written.
class UserCsvColumns {
 public:
  /// The fixed columns, then `tag.KEY` for each of @p tag_columns.
  explicit UserCsvColumns(std::vector<std::string> tag_columns = {});
  /// The header record.
  std::vector<std::string> header() const;
  /// Appends the CSV record of @p user to @p out: one cell per header() column, guarded and
  /// quoted (append_csv_cell()), then `\n`. Written straight into @p out: no string per cell.
  void append_row(std::string& out, const experience_users::ExperienceUser& user) const;

 private:
  std::vector<std::string> tag_columns_;
  mutable std::string scratch_;  // a cell being assembled (groups, tags), reused
};

/**
 * How the columns of an import file's header map onto a create body.
 *
 * Writable columns: `email` (required), `password`, `firstName`, `lastName`, `tokenCutoff`,
 * `groups`, `groupNames` (group names, resolved by exact name before anything is sent), `tags`
 * and `tag.KEY`. The read-only columns that export writes (`id`,
 * `creationDate`, `lastUpdated`, `lastLogin`) are ignored; any other column is an error, so a
 * misspelt column cannot be dropped silently.
 */
class CsvPostMapping {
 public:
  /// Checks @p header; a kInvalidArgument error names an unknown, repeated or missing column.
  static experience_users::Result<CsvPostMapping> from_header(
      const std::vector<std::string>& header);

  /// The create body of one record (cells still formula-guarded). The password is empty when
  /// the file has no password column or the cell is empty. A cell that cannot be read (a date,
  /// the tags) is a kInvalidArgument error naming the column, never quoting a password.
  experience_users::Result<experience_users::ExperienceUserPost> parse(
      const std::vector<std::string>& fields) const;
  /// parse(), also collecting the `groupNames` cell (names separated by `;`) into
  /// @p group_names, for the caller to resolve to ids.
  experience_users::Result<experience_users::ExperienceUserPost> parse(
      const std::vector<std::string>& fields, std::vector<std::string>* group_names) const;

  /// The number of columns every record must have.
  std::size_t columns() const { return columns_.size(); }

 private:
  enum class Column {
    kIgnored,
    kEmail,
    kPassword,
    kFirstName,
    kLastName,
    kTokenCutoff,
    kGroups,
    kGroupNames,
    kTags,
    kTag
  };
  struct Mapped {
    Column column = Column::kIgnored;
    std::string tag_key;  // for kTag
  };
  std::vector<Mapped> columns_;
};

}  // namespace losant::cli
