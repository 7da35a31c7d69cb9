// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Reading an import file (CSV or JSON Lines) into create bodies, one per user record.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "csv.hpp"
#include "format.hpp"
#include "losant/experience_users/error.hpp"
#include "losant/experience_users/models.hpp"
#include "losant/experience_users/result.hpp"
#include "user_csv.hpp"

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
 * Reads the user records of an import file one at a time, written in @p format (kCsv: a
 * header, then one record per user, see CsvPostMapping; kJsonl: see parse_import_record).
 * Holds one record at a time (and, for CSV, one 4 KB slice of input), whatever the file's size.
 *
 * A record that cannot be read is returned with its error, so that every problem can be
 * reported; a problem with the file as a whole (no header, an unknown column, broken CSV
 * quoting, a read error) ends the reading, and error() says what it is.
 */
class ImportReader {
 public:
  /// Reads from @p in, which must outlive the reader.
  ImportReader(std::istream& in, Format format);
  ~ImportReader();
  ImportReader(const ImportReader&) = delete;
  ImportReader& operator=(const ImportReader&) = delete;

  /// Reads the next user record into @p record; false at the end, or when the file as a whole
  /// is broken (error()).
  bool next(ImportRecord& record);
  /// Why the file could not be read to its end; nullopt while it can.
  const std::optional<experience_users::Error>& error() const noexcept { return error_; }
  /// kCsv: the header's cells once a record has been read; else empty.
  const std::vector<std::string>& header() const noexcept { return header_; }

 private:
  bool next_csv(ImportRecord& record);
  bool next_jsonl(ImportRecord& record);

  std::istream& in_;
  Format format_;
  std::unique_ptr<CsvReader> csv_;         // kCsv
  std::optional<CsvPostMapping> mapping_;  // kCsv, from the header
  std::vector<std::string> header_;        // kCsv
  std::size_t rows_ = 0;                   // user records returned so far
  std::string line_;                       // kJsonl: the line being read
  std::optional<experience_users::Error> error_;
};

/**
 * An import's input, readable from the start as many times as the import needs (checking
 * every record, writing generated passwords, sending): a file is opened again by its name,
 * stdin is first copied to a private temporary file (mode 0600, removed at once, so that
 * nothing is left behind whatever happens). A file that changes between two readings (its
 * identity, size or modification time) is refused.
 */
class ImportInput {
 public:
  /// Opens @p path (`-`: stdin); an error names `--in`.
  static experience_users::Result<ImportInput> open(const std::string& path);
  ImportInput(ImportInput&& other) noexcept;
  ImportInput& operator=(ImportInput&&) = delete;
  ImportInput(const ImportInput&) = delete;
  ImportInput& operator=(const ImportInput&) = delete;
  ~ImportInput();

  /// A stream over the whole input; an error when it cannot be opened or has changed.
  experience_users::Result<std::unique_ptr<std::istream>> read() const;

 private:
  struct Stamp {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    std::int64_t modified_ns = 0;
    bool operator==(const Stamp& o) const {
      return device == o.device && inode == o.inode && size == o.size &&
             modified_ns == o.modified_ns;
    }
    bool operator!=(const Stamp& o) const { return !(*this == o); }
  };
  static std::optional<Stamp> stamp_of(const std::string& name);
  std::string name() const;  // where to open it
  ImportInput(std::string path, int spool_fd) : path_(std::move(path)), spool_fd_(spool_fd) {}

  std::string path_;   // as given
  int spool_fd_ = -1;  // stdin's copy, read again through /proc/self/fd
  Stamp stamp_;        // when first opened
};

}  // namespace losant::cli
