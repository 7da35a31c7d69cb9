// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Reading the input of `update --in` and `delete --in`: one record per user, naming it by id
/// or by email (and, for update, what to change), read one at a time.
#pragma once

#include <cstddef>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "csv.hpp"
#include "losant/experience_users/error.hpp"
#include "losant/experience_users/models.hpp"
#include "user_jsonl.hpp"

namespace losant::cli {

/// Which command's input a file is.
enum class EditKind {
  kUpdate,  ///< JSON Lines of UpdateRecord (parse_update_record).
  kDelete,  ///< Ids or emails: lines, JSON object lines or, for a `.csv` file, CSV.
};

/// One record of the input, as read.
struct EditRecord {
  /// 1 for the first record: blank lines and a CSV header are not counted.
  std::size_t row = 0;
  UserKey key;                                  ///< The user it names.
  experience_users::ExperienceUserPatch patch;  ///< kUpdate: what to change.
  /// Why the record cannot be sent: unreadable, or (kUpdate) a rule of the SDK's validate().
  std::optional<experience_users::Error> error;
};

/**
 * Reads an input file one record at a time, holding one record (and one line) at most.
 *
 * kUpdate: JSON Lines, one UpdateRecord a line (see parse_update_record), each patch checked
 * with the SDK's validate(). kDelete: a file ending in `.csv` is CSV with a header that has an
 * `id` or an `email` column (any case; other columns ignored; a row's id wins over its email,
 * an empty id cell falls back to the email); any other file has one user a line: a JSON object
 * (its `id`, else its `email`: an export's JSON Lines), or the bare id or email (a line with an
 * `@` is an email). Blank lines are skipped.
 *
 * A record that cannot be read is returned with its error; a problem with the file as a whole
 * (it cannot be opened or read, a CSV without an id or email column, broken CSV) ends the
 * reading and error() says what it is.
 */
class EditReader {
 public:
  EditReader(const std::string& path, EditKind kind);
  ~EditReader();
  EditReader(const EditReader&) = delete;
  EditReader& operator=(const EditReader&) = delete;

  /// Reads the next record into @p record; false at the end or when the file is broken.
  bool next(EditRecord& record);
  /// Why the file could not be read to its end; nullopt while it can.
  const std::optional<experience_users::Error>& error() const noexcept { return error_; }

 private:
  bool next_line(EditRecord& record);
  bool next_csv(EditRecord& record);

  EditKind kind_;
  std::ifstream in_;
  std::unique_ptr<CsvReader> csv_;  // a .csv file of kDelete
  std::optional<std::size_t> id_column_, email_column_;
  bool header_read_ = false;
  std::size_t rows_ = 0;
  std::string line_;
  std::optional<experience_users::Error> error_;
};

}  // namespace losant::cli
