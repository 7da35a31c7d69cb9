// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "fault_spec.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <utility>

namespace losant::emulator {
namespace {

constexpr std::array<std::pair<std::string_view, Route>, 8> kRoutes{{
    {"any", Route::kAny},
    {"list", Route::kList},
    {"create", Route::kCreate},
    {"get", Route::kGet},
    {"update", Route::kUpdate},
    {"delete", Route::kDelete},
    {"list_groups", Route::kListGroups},
    {"get_group", Route::kGetGroup},
}};

constexpr std::array<std::pair<std::string_view, Fault::Kind>, 11> kKinds{{
    {"status", Fault::Kind::kStatus},
    {"close_before_response", Fault::Kind::kCloseBeforeResponse},
    {"close_mid_body", Fault::Kind::kCloseMidBody},
    {"truncated_body", Fault::Kind::kTruncatedBody},
    {"html_body", Fault::Kind::kHtmlBody},
    {"wrong_types", Fault::Kind::kWrongTypes},
    {"empty_200", Fault::Kind::kEmpty200},
    {"delay", Fault::Kind::kDelay},
    {"drip", Fault::Kind::kDrip},
    {"oversized_body", Fault::Kind::kOversizedBody},
    {"apply_then_drop", Fault::Kind::kApplyThenDrop},
}};

template <typename T, std::size_t N>
std::optional<T> lookup(const std::array<std::pair<std::string_view, T>, N>& table,
                        std::string_view name) {
  for (const auto& [key, value] : table) {
    if (key == name) return value;
  }
  return std::nullopt;
}

template <typename Integer>
std::optional<Integer> parse_integer(std::string_view text) {
  Integer value{};
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<FaultSpec> fail(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
  return std::nullopt;
}

// Applies one `key=value` option to @p fault; returns the error message or nothing.
std::optional<std::string> apply_option(std::string_view option, Fault* fault) {
  const std::size_t equals = option.find('=');
  if (equals == std::string_view::npos)
    return "option \"" + std::string(option) + "\" is not key=value";
  const std::string_view key = option.substr(0, equals);
  const std::string_view value = option.substr(equals + 1);
  const std::string bad_value = "bad value \"" + std::string(value) + "\" for " + std::string(key);
  if (key == "status") {
    const auto status = parse_integer<int>(value);
    if (!status || *status < 100 || *status > 599) return bad_value + " (100..599)";
    fault->status = *status;
  } else if (key == "retry_after") {
    if (value.empty()) return bad_value;
    fault->retry_after = std::string(value);
  } else if (key == "delay") {
    const auto delay = parse_duration(value);
    if (!delay) return bad_value + " (milliseconds, or 250ms, 2s)";
    fault->delay = *delay;
  } else if (key == "bytes") {
    const auto bytes = parse_integer<std::size_t>(value);
    if (!bytes) return bad_value;
    fault->bytes = *bytes;
  } else if (key == "count") {
    const auto count = parse_integer<int>(value);
    if (!count || *count < 1) return bad_value + " (at least 1)";
    fault->count = *count;
  } else {
    return "unknown option \"" + std::string(key) + "\" (status, retry_after, delay, bytes, count)";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  long long factor = 1;
  if (text.size() > 2 && text.substr(text.size() - 2) == "ms") {
    text.remove_suffix(2);
  } else if (text.size() > 1 && text.back() == 's') {
    text.remove_suffix(1);
    factor = 1000;
  }
  const auto value = parse_integer<long long>(text);
  if (!value || *value < 0 || *value > std::numeric_limits<long long>::max() / factor)
    return std::nullopt;
  return std::chrono::milliseconds(*value * factor);
}

std::optional<FaultSpec> parse_fault_spec(std::string_view text, std::string* error) {
  const std::size_t route_end = text.find(':');
  if (route_end == std::string_view::npos)
    return fail(error, "expected ROUTE:KIND[:key=value,...]");
  FaultSpec spec;
  const auto route = lookup(kRoutes, text.substr(0, route_end));
  if (!route) {
    return fail(error, "unknown route \"" + std::string(text.substr(0, route_end)) +
                           "\" (any, list, create, get, update, delete, list_groups, get_group)");
  }
  spec.route = *route;

  text.remove_prefix(route_end + 1);
  const std::size_t kind_end = text.find(':');
  std::string kind_name(text.substr(0, kind_end));
  std::replace(kind_name.begin(), kind_name.end(), '-', '_');
  const auto kind = lookup(kKinds, kind_name);
  if (!kind) return fail(error, "unknown fault kind \"" + kind_name + "\"");
  spec.fault.kind = *kind;
  if (kind_end == std::string_view::npos) return spec;

  text.remove_prefix(kind_end + 1);
  while (true) {
    const std::size_t comma = text.find(',');
    if (auto message = apply_option(text.substr(0, comma), &spec.fault))
      return fail(error, *message);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return spec;
}

}  // namespace losant::emulator
