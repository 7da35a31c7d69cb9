// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "format.hpp"

namespace losant::cli {

std::string_view to_string(Format format) noexcept {
  switch (format) {
    case Format::kTable: return "table";
    case Format::kJson: return "json";
    case Format::kCsv: return "csv";
    case Format::kJsonl: return "jsonl";
  }
  return {};
}

std::optional<Format> parse_format(std::string_view text) noexcept {
  for (Format format : kAllFormats) {
    if (text == to_string(format)) return format;
  }
  return std::nullopt;
}

}  // namespace losant::cli
