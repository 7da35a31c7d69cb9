// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "table.hpp"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <ostream>

#include "text.hpp"

namespace losant::cli {
namespace {

constexpr std::string_view kColumnGap = "  ";
// Fitting never narrows a column below this (or its natural width, if smaller): a column of
// one or two characters and an ellipsis tells nothing.
constexpr std::size_t kMinColumnWidth = 6;

void pad(std::ostream& out, std::size_t width) {
  for (std::size_t i = 0; i < width; ++i) out.put(' ');
}

// One line of cells already made printable; the last column is not padded.
void print_line(std::ostream& out, const std::vector<std::string>& cells,
                const std::vector<std::size_t>& widths) {
  for (std::size_t column = 0; column < cells.size(); ++column) {
    if (column > 0) out << kColumnGap;
    const std::string cell = truncate_to_width(cells[column], widths[column]);
    out << cell;
    if (column + 1 < cells.size()) pad(out, widths[column] - display_width(cell));
  }
  out << '\n';
}

std::vector<std::string> printable_cells(const std::vector<std::string>& cells) {
  std::vector<std::string> out;
  out.reserve(cells.size());
  for (const auto& cell : cells) out.push_back(printable(cell));
  return out;
}

// Narrows the widest column, one character at a time, until the columns and the gaps between
// them fit in @p max_width or no column can be narrowed further.
void fit(std::vector<std::size_t>& widths, std::size_t max_width) {
  std::vector<std::size_t> minimum;
  std::size_t total = widths.empty() ? 0 : kColumnGap.size() * (widths.size() - 1);
  for (std::size_t width : widths) {
    minimum.push_back(std::min(width, kMinColumnWidth));
    total += width;
  }
  while (total > max_width) {
    std::size_t widest = 0;
    for (std::size_t column = 1; column < widths.size(); ++column) {
      if (widths[column] > widths[widest]) widest = column;
    }
    if (widths.empty() || widths[widest] <= minimum[widest]) return;
    --widths[widest];
    --total;
  }
}

}  // namespace

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::add_row(std::vector<std::string> cells) {
  assert(cells.size() <= headers_.size());
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& out, std::optional<std::size_t> max_width) const {
  std::vector<std::vector<std::string>> lines;
  lines.reserve(rows_.size() + 1);
  lines.push_back(printable_cells(headers_));
  for (const auto& row : rows_) lines.push_back(printable_cells(row));

  std::vector<std::size_t> widths(headers_.size(), 0);
  for (const auto& line : lines) {
    for (std::size_t column = 0; column < line.size(); ++column) {
      widths[column] = std::max(widths[column], display_width(line[column]));
    }
  }
  if (max_width) fit(widths, *max_width);
  for (const auto& line : lines) print_line(out, line, widths);
}

void KeyValueBlock::add(std::string key, std::string value) {
  add(std::move(key), std::vector<std::string>{std::move(value)});
}

void KeyValueBlock::add(std::string key, std::vector<std::string> values) {
  assert(!values.empty());
  entries_.emplace_back(std::move(key), std::move(values));
}

void KeyValueBlock::print(std::ostream& out) const {
  std::size_t key_width = 0;
  for (const auto& [key, values] : entries_) {
    key_width = std::max(key_width, display_width(printable(key)) + 1);  // +1 for the colon
  }
  for (const auto& [key, values] : entries_) {
    const std::string label = printable(key) + ":";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i == 0) {
        out << label;
        pad(out, key_width - display_width(label));
      } else {
        pad(out, key_width);
      }
      out << kColumnGap << printable(values[i]) << '\n';
    }
  }
}

}  // namespace losant::cli
