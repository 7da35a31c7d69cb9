// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// `--format`: how a command writes its result, or for `import` how its input is written.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace losant::cli {

/// The formats of `--format`. Which ones a command accepts is decided in cli.cpp.
enum class Format {
  kTable,  ///< Aligned columns (list) or `key: value` lines (one user), for people.
  kJson,   ///< The SDK's to_json() of the typed result, one line (export: one array).
  kCsv,    ///< RFC 4180 records under a header (user_csv.hpp).
  kJsonl,  ///< JSON Lines: one user object a line.
};

/// Every Format, in declaration order.
inline constexpr std::array<Format, 4> kAllFormats{Format::kTable, Format::kJson, Format::kCsv,
                                                   Format::kJsonl};

/// `table`, `json`, `csv` or `jsonl`.
std::string_view to_string(Format format) noexcept;
/// Parses a name of to_string(); nullopt otherwise.
std::optional<Format> parse_format(std::string_view text) noexcept;

/// Whether @p path ends in `.csv`, in any case: the files read or written as CSV by default.
bool has_csv_extension(std::string_view path) noexcept;

}  // namespace losant::cli
