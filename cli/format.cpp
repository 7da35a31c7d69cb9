// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "format.hpp"

#include "text/text.hpp"

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

bool has_csv_extension(std::string_view path) noexcept {
  constexpr std::string_view kExtension = ".csv";
  return path.size() >= kExtension.size() &&
         experience_users::internal::ascii_iequals(path.substr(path.size() - kExtension.size()),
                                                   kExtension);
}

}  // namespace losant::cli
