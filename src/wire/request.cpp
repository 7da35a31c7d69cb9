// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "wire/request.hpp"

namespace losant::experience_users::internal {
namespace {

void append_param(std::string& out, std::string_view name, std::string_view value) {
  out += '&';
  out += name;
  out += '=';
  out += percent_encode(value);
}

}  // namespace

std::string percent_encode(std::string_view value) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                            (u >= '0' && u <= '9') || u == '-' || u == '.' || u == '_' || u == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

std::string users_path(std::string_view application_id, std::string_view user_id) {
  std::string path = "/applications/";
  path += application_id;
  path += "/experience/users";
  if (!user_id.empty()) {
    path += '/';
    path += user_id;
  }
  return path;
}

std::string list_query_string(const ListQuery& query) {
  std::string out(kDefaultQuery);
  if (query.sort_field) append_param(out, "sortField", to_string(*query.sort_field));
  if (query.sort_direction) append_param(out, "sortDirection", to_string(*query.sort_direction));
  if (query.page) append_param(out, "page", std::to_string(*query.page));
  if (query.per_page) append_param(out, "perPage", std::to_string(*query.per_page));
  if (query.filter_field) append_param(out, "filterField", to_string(*query.filter_field));
  if (query.filter) append_param(out, "filter", *query.filter);
  if (query.experience_group) {
    append_param(out, "experienceGroupId", query.experience_group->wire_value());
  }
  if (query.include_ancestor_groups) {
    append_param(out, "includeAncestorGroups", *query.include_ancestor_groups ? "true" : "false");
  }
  // One parameter holding the JSON text, as Losant's SDKs send it (JSON.stringify, json.dumps).
  if (query.query) append_param(out, "query", to_json(*query.query));
  return out;
}

}  // namespace losant::experience_users::internal
