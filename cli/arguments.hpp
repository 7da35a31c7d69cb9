// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// CLI11 options that parse straight into the SDK's typed values.
///
/// Only the shape of a value is checked here (a known enum name, `KEY=VALUE`, a date-time);
/// the API's rules (id formats, lengths, ranges) are the SDK's, checked when the call is made.
#pragma once

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "losant/experience_users/models.hpp"

namespace losant::cli {

/**
 * Adds option @p name whose value is one of @p values' names (their `to_string`), converted with
 * @p parse (for example `parse_sort_field`) into @p target, which may be an `Enum` or a
 * `std::optional<Enum>`. Any other value is a usage error listing the accepted names.
 */
template <typename Target, typename Values, typename Parse>
CLI::Option* add_enum_option(CLI::App& app, const std::string& name, Target& target, Parse parse,
                             const Values& values, const std::string& description) {
  std::string names;
  for (auto value : values) {
    if (!names.empty()) names += '|';
    names += to_string(value);
  }
  CLI::Validator known(
      [parse, names](const std::string& text) {
        return parse(text) ? std::string() : "must be one of " + names + ", not '" + text + "'";
      },
      "", "known-name");
  return app
      .add_option_function<std::string>(
          name, [&target, parse](const std::string& text) { target = *parse(text); }, description)
      ->type_name(names)
      ->check(known);
}

/// Adds option @p name taking one value of type T into @p target.
template <typename T>
CLI::Option* add_optional_option(CLI::App& app, const std::string& name, std::optional<T>& target,
                                 const std::string& description) {
  return app.add_option_function<T>(
      name, [&target](const T& value) { target = value; }, description);
}

/// Adds option @p name taking a positive number of seconds (fractions allowed) into @p target,
/// rounded up to whole milliseconds.
CLI::Option* add_seconds_option(CLI::App& app, const std::string& name,
                                std::optional<std::chrono::milliseconds>& target,
                                const std::string& description);

/// Adds a repeatable option @p name, one value per occurrence, collected into @p target.
CLI::Option* add_repeated_option(CLI::App& app, const std::string& name,
                                 std::optional<std::vector<std::string>>& target,
                                 const std::string& description);

/// Adds the repeatable `--tag KEY=VALUE` into @p tags. A value without `=`, or a key given
/// twice, is a usage error; the value may itself contain `=`.
CLI::Option* add_tag_option(CLI::App& app, std::optional<experience_users::Tags>& tags);

/// Adds option @p name taking an ISO 8601 date-time (see parse_timestamp) into @p target.
CLI::Option* add_timestamp_option(CLI::App& app, const std::string& name,
                                  std::optional<experience_users::Timestamp>& target,
                                  const std::string& description);

}  // namespace losant::cli
