// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// CSV (RFC 4180): reading with libcsv in strict mode, writing with quoting and a guard
/// against spreadsheet formula injection.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace losant::cli {

/**
 * @p value as one CSV cell.
 *
 * Formula guard: a value that a spreadsheet would run as a formula (first character `=`, `+`,
 * `-`, `@`, tab or carriage return) gets a leading `'`, and so does a value that already
 * starts with `'`, so that unguard_cell() restores every value exactly.
 *
 * Quoting: the cell is put in double quotes (inner quotes doubled) when it holds a comma, a
 * semicolon (the separator of spreadsheets in many locales), a quote, a line break, or starts or
 * ends with a space or tab (which CSV readers may trim).
 */
std::string csv_cell(std::string_view value);
/// Appends csv_cell(@p value) to @p out (no string of its own).
void append_csv_cell(std::string& out, std::string_view value);

/// The inverse of csv_cell()'s formula guard: drops a leading `'` that is followed by a formula
/// character or another `'`. Other values are returned unchanged.
std::string_view unguard_cell(std::string_view cell);

/// Writes CSV records, one a line (`\n`), each cell through csv_cell().
class CsvWriter {
 public:
  /// Writes to @p out, which must outlive the writer.
  explicit CsvWriter(std::ostream& out) : out_(out) {}
  /// Writes one record.
  void write_row(const std::vector<std::string>& cells);
  /// Writes text that is already CSV records (cells appended with append_csv_cell()).
  void write_records(std::string_view records);

 private:
  std::ostream& out_;
};

/// The longest CSV record read_csv() accepts, in bytes (a user's fields are a few KB at most).
inline constexpr std::size_t kMaxCsvRecordBytes = 1024 * 1024;

/// A CSV record as read, with its 1-based position in the file (the header is record 1).
struct CsvRecord {
  std::size_t number = 0;           ///< 1 for the first record (the header, where there is one).
  std::vector<std::string> fields;  ///< The fields, unquoted (formula guards still in place).
};

/**
 * Reads the records of a CSV input one at a time, by the rules of read_csv(): holds the record
 * being read and those of one 4 KB slice of input at most, whatever the input's size.
 */
class CsvReader {
 public:
  /// Reads from @p in, which must outlive the reader.
  explicit CsvReader(std::istream& in);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  /// Reads the next record into @p record; false at the end of the input or when reading
  /// stopped (then error() says why).
  bool next(CsvRecord& record);
  /// Why reading stopped before the end: not valid CSV (naming the line), a record over
  /// kMaxCsvRecordBytes, or a read error. nullopt at a clean end.
  const std::optional<std::string>& error() const noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/**
 * Reads every record of @p in with libcsv in strict mode (RFC 4180: quoted fields may hold
 * commas, quotes and line breaks; a stray quote is an error; an unterminated quoted field at
 * the end is an error), calling @p on_record for each. A leading UTF-8 byte order mark is
 * skipped, empty lines are ignored, and spaces around unquoted fields are trimmed. A record
 * longer than kMaxCsvRecordBytes stops the reading (it is never held in memory whole).
 *
 * @return nullopt, or why the input is not valid CSV (naming the line), or that reading failed.
 */
std::optional<std::string> read_csv(std::istream& in,
                                    const std::function<void(CsvRecord&)>& on_record);

}  // namespace losant::cli
