// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Plain-text layouts for humans: a table of aligned columns and a block of `key: value` lines.
///
/// Both keep the raw cell text and make it printable only when printing, so that other
/// renderings (CSV, fitting to the terminal width) can be added beside print().
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace losant::cli {

/// Rows under a header line, each column as wide as its widest cell.
class Table {
 public:
  /// A table with these column headers.
  explicit Table(std::vector<std::string> headers);

  /// Appends a row of at most headers().size() cells; missing trailing cells are empty.
  void add_row(std::vector<std::string> cells);

  /**
   * Headers, then rows; columns separated by two spaces, no trailing whitespace.
   *
   * With @p max_width, lines are kept within that many display characters where possible: the
   * widest column is narrowed, one character at a time, until the table fits or every column
   * is down to a few characters; a cell wider than its column ends with an ellipsis.
   */
  void print(std::ostream& out, std::optional<std::size_t> max_width = std::nullopt) const;

  /// The column headers.
  const std::vector<std::string>& headers() const noexcept { return headers_; }
  /// The rows, each exactly headers().size() cells, raw (not yet made printable).
  const std::vector<std::vector<std::string>>& rows() const noexcept { return rows_; }

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

/// `key: value` lines with the values aligned; a key may have several values, one a line.
class KeyValueBlock {
 public:
  /// Adds @p key with one value.
  void add(std::string key, std::string value);
  /// Adds @p key with @p values (at least one), the later ones on their own indented lines.
  void add(std::string key, std::vector<std::string> values);

  /// Every key in the order added.
  void print(std::ostream& out) const;

 private:
  std::vector<std::pair<std::string, std::vector<std::string>>> entries_;
};

}  // namespace losant::cli
