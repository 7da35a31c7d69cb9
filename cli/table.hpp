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

/// What Table::print() did to fit the width it was given.
struct TableFit {
  std::vector<std::string> hidden;  ///< Headers of the columns left out to fit, in order.
  /// The columns that are never cut do not fit on their own: lines are longer than the width
  /// (the terminal wraps them).
  bool too_narrow = false;
  std::size_t needed = 0;  ///< With too_narrow: the width the whole-value columns need.
};

/// Rows under a header line, each column as wide as its widest cell.
class Table {
 public:
  /// A table with these column headers.
  explicit Table(std::vector<std::string> headers);

  /// Column @p column is never cut or hidden (an id or an email: a cut one cannot be used).
  void keep_whole(std::size_t column);

  /// Appends a row of at most headers().size() cells; missing trailing cells are empty.
  void add_row(std::vector<std::string> cells);

  /**
   * Headers, then rows; columns separated by two spaces, no trailing whitespace.
   *
   * With @p max_width, lines are kept within that many display characters where possible: the
   * widest column that may be cut is narrowed, one character at a time, until the table fits
   * or every such column is down to a few characters (a cut cell ends with an ellipsis); if it
   * still does not fit, the last column that may be hidden is left out and fitting starts
   * again. Columns marked keep_whole() are never cut nor hidden: when they alone are wider than
   * @p max_width, lines are longer (too_narrow).
   */
  TableFit print(std::ostream& out, std::optional<std::size_t> max_width = std::nullopt) const;

  /// The column headers.
  const std::vector<std::string>& headers() const noexcept { return headers_; }
  /// The rows, each exactly headers().size() cells, raw (not yet made printable).
  const std::vector<std::vector<std::string>>& rows() const noexcept { return rows_; }

 private:
  std::vector<std::string> headers_;
  std::vector<bool> whole_;
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
