// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "input.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>
#include <set>

#include "reply.hpp"

namespace losant::emulator::detail {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxPerPage = 1000;
constexpr std::size_t kMaxNameLength = 1024;
constexpr std::size_t kMinPasswordLength = 8;
constexpr std::size_t kMaxPasswordLength = 2048;
constexpr std::size_t kMaxTagLength = 255;
constexpr std::size_t kMaxGroupIds = 1000;

template <typename Enum>
struct EnumName {
  std::string_view name;
  Enum value;
};

constexpr std::array<EnumName<SortField>, kSortFieldCount> kSortFields{{
    {"firstName", SortField::kFirstName},
    {"lastName", SortField::kLastName},
    {"email", SortField::kEmail},
    {"id", SortField::kId},
    {"creationDate", SortField::kCreationDate},
    {"lastLogin", SortField::kLastLogin},
    {"lastUpdated", SortField::kLastUpdated},
}};

constexpr std::array<EnumName<FilterField>, 3> kFilterFields{{
    {"firstName", FilterField::kFirstName},
    {"lastName", FilterField::kLastName},
    {"email", FilterField::kEmail},
}};

// The sort directions Losant accepts; the response schema echoes them in either case.
constexpr std::array<EnumName<bool>, 4> kSortDirections{{
    {"asc", false},
    {"desc", true},
    {"ASC", false},
    {"DESC", true},
}};

template <typename Enum, std::size_t N>
std::optional<Enum> find_enum(const std::array<EnumName<Enum>, N>& names, std::string_view text) {
  for (const auto& entry : names) {
    if (entry.name == text) return entry.value;
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string enum_error(std::string_view parameter, const std::array<EnumName<Enum>, N>& names) {
  std::string message(parameter);
  message += " must be one of ";
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) message += ", ";
    message += names[i].name;
  }
  return message;
}

std::optional<std::size_t> parse_size(std::string_view text) {
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

// ---- list query --------------------------------------------------------------------------------

// One parameter's value. A repeated parameter is an error, as Losant's query parser turns it into
// an array that then fails validation; an empty value counts as absent ("blank or not provided").
struct ParamLookup {
  std::optional<std::string> value;
  std::optional<std::string> error;
};

ParamLookup lookup(const QueryParams& params, const std::string& name) {
  const auto [first, last] = params.equal_range(name);
  if (first == last) return {};
  if (std::next(first) != last) return {std::nullopt, name + " must not be repeated"};
  if (first->second.empty()) return {};
  return {first->second, std::nullopt};
}

// ---- bodies ------------------------------------------------------------------------------------

bool is_email_local_char(char c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~-";
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         kSpecials.find(c) != std::string_view::npos;
}

// True when @p text is one or more dot-separated parts, each non-empty and accepted by @p part.
template <typename Part>
bool all_dot_parts(std::string_view text, Part part) {
  while (true) {
    const std::size_t dot = text.find('.');
    const std::string_view piece = text.substr(0, dot);
    if (piece.empty() || !part(piece)) return false;
    if (dot == std::string_view::npos) return true;
    text.remove_prefix(dot + 1);
  }
}

// The `email` format as JSON Schema validators (ajv's "full" mode) check it: a local part of
// dot-separated RFC 5322 atoms, `@`, then DNS labels of letters, digits and inner hyphens, each
// 1 to 63 characters.
bool is_email(std::string_view text) {
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos) return false;
  const auto atom = [](std::string_view piece) {
    return std::all_of(piece.begin(), piece.end(), is_email_local_char);
  };
  const auto label = [](std::string_view piece) {
    return piece.size() <= 63 && piece.front() != '-' && piece.back() != '-' &&
           std::all_of(piece.begin(), piece.end(), [](char c) {
             return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
           });
  };
  return all_dot_parts(text.substr(0, at), atom) && all_dot_parts(text.substr(at + 1), label);
}

bool is_tag_key(std::string_view key) {
  return !key.empty() && key.size() <= 255 && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

// Checks a string property; returns the Validation message or nothing.
std::optional<std::string> check_string(const std::string& name, const Json& value,
                                        std::size_t min_length, std::size_t max_length) {
  if (!value.is_string()) return name + " must be a string";
  const std::size_t length = utf8_length(value.get_ref<const std::string&>());
  if (length < min_length) {
    return name + " must be at least " + std::to_string(min_length) +
           (min_length == 1 ? " character" : " characters");
  }
  if (length > max_length)
    return name + " must be at most " + std::to_string(max_length) + " characters";
  return std::nullopt;
}

std::optional<std::string> read_string(const Json& body, const char* name, std::size_t min_length,
                                       std::size_t max_length, std::optional<std::string>* out) {
  const auto it = body.find(name);
  if (it == body.end()) return std::nullopt;
  if (auto error = check_string(name, *it, min_length, max_length)) return error;
  *out = it->get<std::string>();
  return std::nullopt;
}

std::optional<std::string> read_email(const Json& body, UserInput* input) {
  if (auto error = read_string(body, "email", 0, kMaxNameLength, &input->email)) return error;
  if (input->email && !is_email(*input->email))
    return std::string("email must be a valid email address");
  return std::nullopt;
}

std::optional<std::string> read_token_cutoff(const Json& body, UserInput* input) {
  const auto it = body.find("tokenCutoff");
  if (it == body.end()) return std::nullopt;
  if (!it->is_string()) return std::string("tokenCutoff must be a string");
  input->token_cutoff = parse_timestamp(it->get_ref<const std::string&>());
  if (!input->token_cutoff) return std::string("tokenCutoff must be a date-time (RFC 3339)");
  return std::nullopt;
}

std::optional<std::string> read_user_tags(const Json& body, UserInput* input) {
  const auto it = body.find("userTags");
  if (it == body.end()) return std::nullopt;
  if (!it->is_object()) return std::string("userTags must be an object");
  std::map<std::string, std::string> tags;
  for (const auto& [key, value] : it->items()) {
    if (!is_tag_key(key)) {
      std::string message = "userTags key ";
      append_json_string(message, key);
      return message + " must match ^[0-9a-zA-Z_-]{1,255}$";
    }
    if (auto error = check_string("userTags." + key, value, 1, kMaxTagLength)) return error;
    tags.emplace(key, value.get<std::string>());
  }
  input->user_tags = std::move(tags);
  return std::nullopt;
}

std::optional<std::string> read_group_ids(const Json& body, UserInput* input) {
  const auto it = body.find("experienceGroupIds");
  if (it == body.end()) return std::nullopt;
  if (!it->is_array()) return std::string("experienceGroupIds must be an array");
  if (it->size() > kMaxGroupIds) {
    return "experienceGroupIds must have at most " + std::to_string(kMaxGroupIds) + " items";
  }
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& id = (*it)[i];
    const std::string name = "experienceGroupIds[" + std::to_string(i) + "]";
    if (!id.is_string()) return name + " must be a string";
    if (!is_object_id(id.get_ref<const std::string&>()))
      return name + " must match ^[A-Fa-f\\d]{24}$";
    std::string lower = to_lower(id.get_ref<const std::string&>());
    if (seen.insert(lower).second) ids.push_back(std::move(lower));
  }
  input->group_ids = std::move(ids);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> parse_list_query(const QueryParams& params, ListQuery* query) {
  static const std::array<std::string, 8> kNames{
      "sortField",         "sortDirection",        "page", "perPage", "filterField", "filter",
      "experienceGroupId", "includeAncestorGroups"};
  std::array<std::optional<std::string>, kNames.size()> values;
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    ParamLookup found = lookup(params, kNames[i]);
    if (found.error) return found.error;
    values[i] = std::move(found.value);
  }
  const auto& [sort_field, sort_direction, page, per_page, filter_field, filter, group,
               include_ancestors] = values;

  if (sort_field) {
    const auto field = find_enum(kSortFields, *sort_field);
    if (!field) return enum_error("sortField", kSortFields);
    query->sort_field = *field;
    query->sort_field_name = *sort_field;
  }
  if (sort_direction) {
    const auto descending = find_enum(kSortDirections, *sort_direction);
    if (!descending) return std::string("sortDirection must be one of asc, desc");
    query->descending = *descending;
    query->sort_direction_name = *sort_direction;
  }
  if (page) {
    const auto number = parse_size(*page);
    if (!number) return std::string("page must be a non-negative integer");
    query->page = *number;
  }
  if (per_page) {
    const auto number = parse_size(*per_page);
    if (!number || *number < 1 || *number > kMaxPerPage) {
      return "perPage must be an integer from 1 to " + std::to_string(kMaxPerPage);
    }
    query->per_page = *number;
  }
  if (filter_field) {
    const auto field = find_enum(kFilterFields, *filter_field);
    if (!field) return enum_error("filterField", kFilterFields);
    query->filter_field = *field;
    query->filter_field_name = *filter_field;
  }
  query->filter = filter;
  if (group) {
    if (*group == "any") {
      query->group_filter = GroupFilter::kAnyGroup;
    } else if (*group == "none") {
      query->group_filter = GroupFilter::kNoGroup;
    } else if (is_object_id(*group)) {
      query->group_filter = GroupFilter::kGroup;
      query->group_id = to_lower(*group);
    } else {
      return std::string("experienceGroupId must be a 24 character hex id, any or none");
    }
  }
  if (include_ancestors) {
    if (*include_ancestors != "true" && *include_ancestors != "false") {
      return std::string("includeAncestorGroups must be true or false");
    }
    query->include_ancestors = *include_ancestors == "true";
  }
  // API 1.30's advanced query (query_eval.hpp); it overrides the filters above.
  ParamLookup advanced = lookup(params, "query");
  if (advanced.error) return advanced.error;
  if (advanced.value) {
    std::string error;
    query->query = UserQueryFilter::compile(*advanced.value, &error);
    if (!query->query) return error;
  }
  return std::nullopt;
}

std::optional<std::string> parse_user_input(std::string_view body, BodySchema schema,
                                            UserInput* input) {
  Json json =
      body.empty() ? Json::object() : Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return std::string("Request body is not valid JSON");
  if (!json.is_object()) return std::string("Request body must be a JSON object");

  static constexpr std::array<std::string_view, 7> kProperties{
      "email",       "firstName", "lastName",          "password",
      "tokenCutoff", "userTags",  "experienceGroupIds"};
  for (const auto& [key, value] : json.items()) {
    if (std::find(kProperties.begin(), kProperties.end(), key) == kProperties.end()) {
      std::string message;
      append_json_string(message, key);
      return message + " is not allowed (additionalProperties: false)";
    }
  }
  if (schema == BodySchema::kPost) {
    for (const char* required : {"email", "password"}) {
      if (!json.contains(required)) return std::string(required) + " is required";
    }
  }
  if (auto error = read_email(json, input)) return error;
  if (auto error = read_string(json, "firstName", 0, kMaxNameLength, &input->first_name))
    return error;
  if (auto error = read_string(json, "lastName", 0, kMaxNameLength, &input->last_name))
    return error;
  if (auto error =
          read_string(json, "password", kMinPasswordLength, kMaxPasswordLength, &input->password)) {
    return error;
  }
  if (auto error = read_token_cutoff(json, input)) return error;
  if (auto error = read_user_tags(json, input)) return error;
  return read_group_ids(json, input);
}

}  // namespace losant::emulator::detail
