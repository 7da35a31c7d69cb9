// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "policy/validation.hpp"

#include "losant/experience_users/validate.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "text/text.hpp"

namespace losant::experience_users::internal {
namespace {

// Schema limits (reference/schemas/experienceUserPost.json and WIRE.md).
constexpr std::size_t kMaxTextLength = 1024;  // email, firstName, lastName
constexpr std::size_t kMinPasswordLength = 8;
constexpr std::size_t kMaxPasswordLength = 2048;
constexpr std::size_t kMaxTagKeyLength = 255;
constexpr std::size_t kMaxTagValueLength = 255;
constexpr std::size_t kMaxGroupIds = 1000;
constexpr std::int64_t kMaxPerPage = 1000;
constexpr std::int64_t kMaxPage =
    2147483647;  // a 32-bit page index: page * perPage cannot overflow
constexpr std::size_t kMaxEmailLabelLength = 63;
constexpr int kMaxPagesInFlight = 64;

using OptError = std::optional<Error>;

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A C0 control other than tab and line breaks, DEL, or a C1 control (U+0080..U+009F, UTF-8
// C2 80..C2 9F).
bool has_any_control(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0x7F) return true;
    if (u == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0 &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80) {
      return true;
    }
  }
  return false;
}

// Text a person reads (names, tag values, filters): no NUL and no control character but tab
// and line breaks (a name may span lines). The API would store them, but a NUL cuts strings
// short in C code downstream, and ESC or a C1 control drives the terminal or log of whoever
// looks at the user next.
OptError check_no_controls(const std::string& field, std::string_view value) {
  if (value.find('\0') != std::string_view::npos) {
    return invalid_argument(field, "must not contain NUL characters");
  }
  if (has_any_control(value)) {
    return invalid_argument(field,
                            "must not contain control characters (ESC, DEL, C1, ...) other than "
                            "tab and line breaks");
  }
  return std::nullopt;
}

// A string property: valid UTF-8 with `min`..`max` code points. The message states the rule
// and never contains the value, so it is safe for passwords too.
OptError check_text(const std::string& field, std::string_view value, std::size_t min,
                    std::size_t max) {
  const auto length = utf8_length(value);
  if (!length) return invalid_argument(field, "must be valid UTF-8");
  if (*length < min || *length > max) {
    if (min == max)
      return invalid_argument(field, "must be " + std::to_string(min) + " characters");
    if (min == 0)
      return invalid_argument(field, "must be at most " + std::to_string(max) + " characters");
    return invalid_argument(
        field, "must be " + std::to_string(min) + " to " + std::to_string(max) + " characters");
  }
  return std::nullopt;
}

// The `email` format, as Losant's JSON Schema validator (ajv) checks it: a local part of
// printable atext characters and dots, `@`, then dot-separated domain labels of letters,
// digits and inner hyphens, each at most 63 characters.
bool is_email(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= text.size()) return false;
  constexpr std::string_view kLocalSpecials = ".!#$%&'*+/=?^_`{|}~-";
  for (char c : text.substr(0, at)) {
    if (!is_alnum(c) && kLocalSpecials.find(c) == std::string_view::npos) return false;
  }
  std::string_view domain = text.substr(at + 1);
  while (true) {
    const auto dot = domain.find('.');
    const std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > kMaxEmailLabelLength) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!is_alnum(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    domain = domain.substr(dot + 1);
  }
}

OptError check_email(const std::string& field, std::string_view email) {
  if (auto e = check_text(field, email, 1, kMaxTextLength)) return e;
  if (!is_email(email)) return invalid_argument(field, "must be an email address (name@domain)");
  return std::nullopt;
}

OptError check_password(const std::string& field, std::string_view password) {
  // The rule only: the message must not help anyone reconstruct the password. Any character
  // but NUL: a password is never shown, and NUL ends strings in C (a password "a\0b" would be
  // "a" to some code that handles it).
  if (password.find('\0') != std::string_view::npos) {
    return invalid_argument(field, "must not contain NUL characters");
  }
  return check_text(field, password, kMinPasswordLength, kMaxPasswordLength);
}

OptError check_timestamp(const std::string& field, Timestamp t) {
  // format_timestamp writes four-digit years; the API's date-time format has nothing else.
  using std::chrono::milliseconds;
  const auto ms = t.time_since_epoch().count();
  constexpr std::int64_t kYear0 = -62167219200000;      // 0000-01-01T00:00:00.000Z
  constexpr std::int64_t kYear10000 = 253402300800000;  // 10000-01-01T00:00:00.000Z
  if (ms < kYear0 || ms >= kYear10000) {
    return invalid_argument(field, "must be a date-time between years 0000 and 9999");
  }
  return std::nullopt;
}

OptError check_tags(const std::string& field, const Tags& tags) {
  for (const auto& [key, value] : tags) {
    bool key_ok = !key.empty() && key.size() <= kMaxTagKeyLength;
    for (char c : key) key_ok = key_ok && (is_alnum(c) || c == '_' || c == '-');
    if (!key_ok) {
      // The key is shown only when it is printable ASCII; otherwise its position is enough.
      const bool printable =
          utf8_length(key).has_value() && !has_ascii_control(key) && key.size() <= 64;
      return invalid_argument(field + (printable ? "[\"" + key + "\"]" : std::string()),
                              "tag keys must match ^[0-9a-zA-Z_-]{1,255}$");
    }
    if (auto e = check_text(field + "." + key, value, 1, kMaxTagValueLength)) return e;
    if (auto e = check_no_controls(field + "." + key, value)) return e;
  }
  return std::nullopt;
}

OptError check_group_ids(const std::string& field, const std::vector<std::string>& ids) {
  if (ids.size() > kMaxGroupIds) {
    return invalid_argument(field, "must hold at most " + std::to_string(kMaxGroupIds) + " ids");
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (auto e = validate_id(field + "[" + std::to_string(i) + "]", ids[i])) return e;
  }
  return std::nullopt;
}

// The optional properties PATCH and POST share.
template <typename Body>
OptError check_common(const std::string& prefix, const Body& body) {
  if (body.first_name) {
    if (auto e = check_text(prefix + "firstName", *body.first_name, 0, kMaxTextLength)) return e;
    if (auto e = check_no_controls(prefix + "firstName", *body.first_name)) return e;
  }
  if (body.last_name) {
    if (auto e = check_text(prefix + "lastName", *body.last_name, 0, kMaxTextLength)) return e;
    if (auto e = check_no_controls(prefix + "lastName", *body.last_name)) return e;
  }
  if (body.token_cutoff) {
    if (auto e = check_timestamp(prefix + "tokenCutoff", *body.token_cutoff)) return e;
  }
  if (body.user_tags) {
    if (auto e = check_tags(prefix + "userTags", *body.user_tags)) return e;
  }
  if (body.experience_group_ids) {
    if (auto e = check_group_ids(prefix + "experienceGroupIds", *body.experience_group_ids))
      return e;
  }
  return std::nullopt;
}

// A header value may not carry CR, LF or other control characters (header injection).
OptError check_header_value(const std::string& field, std::string_view value) {
  if (has_ascii_control(value)) {
    return invalid_argument(field, "must not contain control characters such as CR or LF");
  }
  return std::nullopt;
}

}  // namespace

bool is_object_id(std::string_view text) noexcept {
  if (text.size() != 24) return false;
  for (char c : text) {
    if (!is_hex(c)) return false;
  }
  return true;
}

bool is_loopback_host(std::string_view host) noexcept {
  if (host == "localhost" || host == "[::1]") return true;
  // 127.0.0.0/8 in dotted-quad form.
  if (host.substr(0, 4) != "127.") return false;
  int parts = 0;
  std::size_t i = 0;
  while (i <= host.size()) {
    const auto end = std::min(host.find('.', i), host.size());
    const auto part = host.substr(i, end - i);
    if (part.empty() || part.size() > 3) return false;
    int value = 0;
    for (char c : part) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    ++parts;
    i = end + 1;
  }
  return parts == 4;
}

OptError validate_id(std::string_view field, std::string_view value) {
  if (!is_object_id(value)) {
    return invalid_argument(std::string(field), "must be 24 hexadecimal characters");
  }
  return std::nullopt;
}

OptError validate_query(const ListQuery& query) {
  if (query.page && (*query.page < 0 || *query.page > kMaxPage)) {
    return invalid_argument("query.page", "must be 0 to " + std::to_string(kMaxPage));
  }
  if (query.per_page && (*query.per_page < 1 || *query.per_page > kMaxPerPage)) {
    return invalid_argument("query.perPage", "must be 1 to " + std::to_string(kMaxPerPage));
  }
  if (query.filter.has_value() != query.filter_field.has_value()) {
    return invalid_argument(query.filter ? "query.filterField" : "query.filter",
                            "filter and filterField must be given together");
  }
  if (query.filter) {
    if (auto e = check_text("query.filter", *query.filter, 0, kMaxTextLength)) return e;
    if (auto e = check_no_controls("query.filter", *query.filter)) return e;
  }
  if (query.experience_group && !query.experience_group->is_special()) {
    if (auto e = validate_id("query.experienceGroupId", query.experience_group->wire_value())) {
      e->message = "must be `any`, `none` or 24 hexadecimal characters";
      return e;
    }
  }
  if (query.include_ancestor_groups.value_or(false) &&
      (!query.experience_group || query.experience_group->is_special())) {
    return invalid_argument("query.includeAncestorGroups",
                            "requires a group id in experienceGroupId");
  }
  if (query.query) {
    // The API lets `query` override the other filters without a word: refuse the mix.
    const char* other = query.filter             ? "query.filter"
                        : query.filter_field     ? "query.filterField"
                        : query.experience_group ? "query.experienceGroupId"
                                                 : nullptr;
    if (other) {
      return invalid_argument(other,
                              "cannot be combined with query (the API ignores the other filters "
                              "when a query is given)");
    }
    if (auto e = validate_user_query(*query.query)) return e;
  }
  return std::nullopt;
}

OptError validate_post(const ExperienceUserPost& body) {
  if (auto e = check_email("body.email", body.email)) return e;
  if (auto e = check_password("body.password", body.password)) return e;
  return check_common("body.", body);
}

OptError validate_patch(const ExperienceUserPatch& patch) {
  if (patch.email) {
    if (auto e = check_email("body.email", *patch.email)) return e;
  }
  if (patch.password) {
    if (auto e = check_password("body.password", *patch.password)) return e;
  }
  return check_common("body.", patch);
}

OptError validate_options(const ClientOptions& options) {
  const std::string_view url = options.base_url;
  const auto scheme_end = url.find("://");
  const auto scheme = url.substr(0, scheme_end == std::string_view::npos ? 0 : scheme_end);
  if (scheme != "https" && scheme != "http") {
    return invalid_argument("options.base_url",
                            "must start with https:// (or http:// for loopback)");
  }
  const auto rest = url.substr(scheme_end + 3);
  const auto authority = rest.substr(0, rest.find('/'));
  if (authority.empty() || rest.find_first_of("?#") != std::string_view::npos ||
      authority.find('@') != std::string_view::npos || has_ascii_control(url) ||
      url.find(' ') != std::string_view::npos) {
    return invalid_argument(
        "options.base_url",
        "must be scheme://host[:port][/path] without user info, query or fragment");
  }
  // The host is the authority without a port; an IPv6 literal keeps its brackets.
  std::string_view host = authority;
  if (host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (scheme == "http" && !options.allow_insecure_http && !is_loopback_host(host)) {
    return invalid_argument("options.base_url",
                            "http:// is refused for non-loopback hosts (the token would travel "
                            "unencrypted); use https:// or set allow_insecure_http");
  }
  if (auto e = check_header_value("options.token", options.token)) return e;
  // Messages are scrubbed of secrets of 4 characters or more (shorter ones would match
  // everywhere); Losant's tokens are far longer, and passwords at least 8.
  if (!options.token.empty() && options.token.size() < 4) {
    return invalid_argument("options.token",
                            "must be empty or at least 4 characters (an API token is longer)");
  }
  if (auto e = check_header_value("options.accept_version", options.accept_version)) return e;
  if (auto e = check_header_value("options.user_agent_suffix", options.user_agent_suffix)) return e;
  if (options.losant_domain) {
    if (auto e = check_header_value("options.losant_domain", *options.losant_domain)) return e;
  }
  using std::chrono::milliseconds;
  if (options.request_timeout <= milliseconds::zero()) {
    return invalid_argument("options.request_timeout", "must be positive");
  }
  if (options.curl.connect_timeout <= milliseconds::zero()) {
    return invalid_argument("options.curl.connect_timeout", "must be positive");
  }
  if (options.deadline <= milliseconds::zero()) {
    return invalid_argument("options.deadline", "must be positive");
  }
  if (options.pages_in_flight < 1 || options.pages_in_flight > kMaxPagesInFlight) {
    return invalid_argument("options.pages_in_flight",
                            "must be 1 to " + std::to_string(kMaxPagesInFlight));
  }
  const RetryOptions& retry = options.retry;
  if (retry.max_attempts < 1) return invalid_argument("options.retry.max_attempts", "must be >= 1");
  if (retry.initial_backoff < milliseconds::zero() || retry.max_backoff < retry.initial_backoff) {
    return invalid_argument("options.retry",
                            "backoffs must satisfy 0 <= initial_backoff <= max_backoff");
  }
  if (!(retry.multiplier >= 1.0))
    return invalid_argument("options.retry.multiplier", "must be >= 1");
  if (options.curl.max_response_bytes == 0) {
    return invalid_argument("options.curl.max_response_bytes", "must be positive");
  }
  return std::nullopt;
}

}  // namespace losant::experience_users::internal

namespace losant::experience_users {

std::optional<Error> validate(const ExperienceUserPost& body) {
  return internal::validate_post(body);
}
std::optional<Error> validate(const ExperienceUserPatch& patch) {
  return internal::validate_patch(patch);
}
std::optional<Error> validate(const ListQuery& query) {
  return internal::validate_query(query);
}
bool is_valid_id(std::string_view id) noexcept {
  return internal::is_object_id(id);
}

}  // namespace losant::experience_users
