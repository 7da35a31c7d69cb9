// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "table.hpp"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <iterator>
#include <optional>
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

// Narrows the widest column that may be cut, one character at a time, until the columns and
// the gaps between them fit in @p max_width or no column can be narrowed further. Returns
// whether they fit.
bool fit(std::vector<std::size_t>& widths, const std::vector<bool>& whole, std::size_t max_width) {
  std::vector<std::size_t> minimum;
  std::size_t total = widths.empty() ? 0 : kColumnGap.size() * (widths.size() - 1);
  for (std::size_t column = 0; column < widths.size(); ++column) {
    minimum.push_back(whole[column] ? widths[column] : std::min(widths[column], kMinColumnWidth));
    total += widths[column];
  }
  while (total > max_width) {
    std::optional<std::size_t> widest;
    for (std::size_t column = 0; column < widths.size(); ++column) {
      if (widths[column] <= minimum[column]) continue;
      if (!widest || widths[column] > widths[*widest]) widest = column;
    }
    if (!widest) return false;
    --widths[*widest];
    --total;
  }
  return true;
}

}  // namespace

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)), whole_(headers_.size(), false) {}

void Table::keep_whole(std::size_t column) {
  assert(column < headers_.size());
  whole_[column] = true;
}

void Table::add_row(std::vector<std::string> cells) {
  assert(cells.size() <= headers_.size());
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

TableFit Table::print(std::ostream& out, std::optional<std::size_t> max_width) const {
  std::vector<std::vector<std::string>> lines;
  lines.reserve(rows_.size() + 1);
  lines.push_back(printable_cells(headers_));
  for (const auto& row : rows_) lines.push_back(printable_cells(row));

  std::vector<std::size_t> natural(headers_.size(), 0);
  for (const auto& line : lines) {
    for (std::size_t column = 0; column < line.size(); ++column) {
      natural[column] = std::max(natural[column], display_width(line[column]));
    }
  }
  TableFit result;
  std::vector<std::size_t> shown(headers_.size());  // the columns printed, in order
  for (std::size_t column = 0; column < shown.size(); ++column) shown[column] = column;
  std::vector<std::size_t> widths;
  for (;;) {
    widths.clear();
    std::vector<bool> whole;
    for (std::size_t column : shown) {
      widths.push_back(natural[column]);
      whole.push_back(whole_[column]);
    }
    if (!max_width || fit(widths, whole, *max_width)) break;
    // Hide the last column that may be hidden, and try again.
    auto last = std::find_if(shown.rbegin(), shown.rend(),
                             [this](std::size_t column) { return !whole_[column]; });
    if (last == shown.rend()) {
      result.too_narrow = true;
      result.needed = kColumnGap.size() * (widths.empty() ? 0 : widths.size() - 1);
      for (std::size_t width : widths) result.needed += width;
      break;
    }
    result.hidden.insert(result.hidden.begin(), headers_[*last]);
    shown.erase(std::next(last).base());
  }
  for (const auto& line : lines) {
    std::vector<std::string> cells;
    for (std::size_t column : shown) cells.push_back(line[column]);
    print_line(out, cells, widths);
  }
  return result;
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
