// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "arguments.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <utility>

namespace losant::cli {
namespace {

namespace eu = losant::experience_users;

// Splits `KEY=VALUE` at the first `=`; nullopt when there is none.
std::optional<std::pair<std::string, std::string>> split_tag(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos) return std::nullopt;
  return std::make_pair(text.substr(0, equals), text.substr(equals + 1));
}

// A finite number of seconds > 0 that fits in milliseconds; nullopt otherwise.
std::optional<std::chrono::milliseconds> parse_seconds(const std::string& text) {
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  constexpr double kMaxSeconds =
      static_cast<double>(std::numeric_limits<std::chrono::milliseconds::rep>::max()) / 1000.0;
  if (text.empty() || *end != '\0' || !(seconds > 0.0) || seconds >= kMaxSeconds) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(
      static_cast<std::chrono::milliseconds::rep>(std::ceil(seconds * 1000.0)));
}

}  // namespace

CLI::Option* add_seconds_option(CLI::App& app, const std::string& name,
                                std::optional<std::chrono::milliseconds>& target,
                                const std::string& description) {
  const CLI::Validator positive(
      [](const std::string& text) {
        return parse_seconds(text) ? std::string()
                                   : "must be a positive number of seconds, not '" + text + "'";
      },
      "", "seconds");
  return app
      .add_option_function<std::string>(
          name, [&target](const std::string& text) { target = parse_seconds(text); }, description)
      ->type_name("SECONDS")
      ->check(positive);
}

CLI::Option* add_repeated_option(CLI::App& app, const std::string& name,
                                 std::optional<std::vector<std::string>>& target,
                                 const std::string& description) {
  return app
      .add_option_function<std::vector<std::string>>(
          name, [&target](const std::vector<std::string>& values) { target = values; },
          description)
      ->allow_extra_args(false);  // `--group A B` would swallow a following positional
}

CLI::Option* add_tag_option(CLI::App& app, std::optional<eu::Tags>& tags) {
  const CLI::Validator key_value(
      [](const std::string& text) {
        return split_tag(text) ? std::string() : "must be KEY=VALUE, not '" + text + "'";
      },
      "", "key=value");
  auto assign = [&tags](const std::vector<std::string>& values) {
    eu::Tags parsed;
    for (const auto& value : values) {
      auto [key, tag_value] = *split_tag(value);
      if (!parsed.emplace(key, std::move(tag_value)).second) {
        throw CLI::ValidationError("--tag", "tag key '" + key + "' is given more than once");
      }
    }
    tags = std::move(parsed);
  };
  return app
      .add_option_function<std::vector<std::string>>(
          "--tag", assign, "A user tag; repeat for several (replaces all tags on update)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false)
      ->check(key_value);
}

CLI::Option* add_timestamp_option(CLI::App& app, const std::string& name,
                                  std::optional<eu::Timestamp>& target,
                                  const std::string& description) {
  const CLI::Validator date_time(
      [](const std::string& text) {
        return eu::parse_timestamp(text)
                   ? std::string()
                   : "must be an ISO 8601 date-time such as 2024-05-01T12:00:00Z, not '" + text +
                         "'";
      },
      "", "date-time");
  return app
      .add_option_function<std::string>(
          name, [&target](const std::string& text) { target = eu::parse_timestamp(text); },
          description)
      ->type_name("ISO8601")
      ->check(date_time);
}

}  // namespace losant::cli
