// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Experience groups: wire names, the list query string, validation, and the JSON codec of
// experienceGroup.json / experienceGroups.json. Groups are few and small, so they are decoded
// through an nlohmann DOM rather than the users' simdjson reader; they are encoded by the
// SDK's JSON writer (wire/json_writer.hpp) like the users. Absent stays absent.
#include <nlohmann/json.hpp>
#include <utility>

#include "losant/experience_users/groups.hpp"
#include "policy/validation.hpp"
#include "text/text.hpp"
#include "wire/enum_names.hpp"
#include "wire/group_wire.hpp"
#include "wire/json_writer.hpp"
#include "wire/request.hpp"

namespace losant::experience_users {
namespace {

using Json = nlohmann::ordered_json;

constexpr internal::EnumNames<GroupSortField, 4> kGroupSortFields{{
    {GroupSortField::kName, "name"},
    {GroupSortField::kId, "id"},
    {GroupSortField::kCreationDate, "creationDate"},
    {GroupSortField::kLastUpdated, "lastUpdated"},
}};

struct Malformed {
  std::string path;
  std::string rule;
};

[[noreturn]] void malformed(std::string path, std::string rule) {
  throw Malformed{std::move(path), std::move(rule)};
}

std::string at(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

void read(const Json& j, const std::string& path, std::optional<std::string>& out) {
  if (!j.is_string()) malformed(path, "expected a string");
  out = j.get<std::string>();
}
void read_nullable(const Json& j, const std::string& path, std::optional<std::string>& out) {
  if (j.is_null()) return;  // a root group: parentId null, kept absent
  read(j, path, out);
}
void read(const Json& j, const std::string& path, std::optional<Timestamp>& out) {
  if (!j.is_string()) malformed(path, "expected a date-time string");
  out = parse_timestamp(j.get<std::string>());
  if (!out) malformed(path, "expected an ISO 8601 date-time");
}
void read(const Json& j, const std::string& path, std::optional<std::int64_t>& out) {
  if (!j.is_number_integer()) malformed(path, "expected an integer");
  out = j.get<std::int64_t>();
}
void read(const Json& j, const std::string& path, std::optional<double>& out) {
  if (!j.is_number()) malformed(path, "expected a number");
  out = j.get<double>();
}
void read(const Json& j, const std::string& path, std::optional<std::vector<std::string>>& out) {
  if (!j.is_array()) malformed(path, "expected an array");
  auto& v = out.emplace();
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string()) malformed(path + "[" + std::to_string(i) + "]", "expected a string");
    v.push_back(j[i].get<std::string>());
  }
}
void read(const Json& j, const std::string& path, std::optional<Tags>& out) {
  if (!j.is_object()) malformed(path, "expected an object");
  auto& tags = out.emplace();
  for (const auto& [k, v] : j.items()) {
    if (!v.is_string()) malformed(path + "." + k, "expected a string");
    tags[k] = v.get<std::string>();
  }
}
void read(const Json& j, const std::string& path,
          std::optional<std::vector<std::pair<std::string, std::string>>>& out) {
  if (!j.is_array()) malformed(path, "expected an array");
  auto& v = out.emplace();
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string item = path + "[" + std::to_string(i) + "]";
    if (!j[i].is_object()) malformed(item, "expected an object");
    std::optional<std::string> key, value;
    if (j[i].contains("key")) read(j[i]["key"], item + ".key", key);
    if (j[i].contains("value")) read(j[i]["value"], item + ".value", value);
    v.emplace_back(key.value_or(""), value.value_or(""));
  }
}

ExperienceGroup decode_group(const Json& j, const std::string& path) {
  if (!j.is_object()) malformed(path.empty() ? "$" : path, "expected an object");
  ExperienceGroup g;
  for (const auto& [key, v] : j.items()) {
    const std::string p = at(path, key);
    if (key == "id")
      read(v, p, g.id);
    else if (key == "name")
      read(v, p, g.name);
    else if (key == "parentId")
      read_nullable(v, p, g.parent_id);
    else if (key == "experienceGroupId")
      read(v, p, g.experience_group_id);
    else if (key == "applicationId")
      read(v, p, g.application_id);
    else if (key == "creationDate")
      read(v, p, g.creation_date);
    else if (key == "lastUpdated")
      read(v, p, g.last_updated);
    else if (key == "description")
      read(v, p, g.description);
    else if (key == "ancestorIds")
      read(v, p, g.ancestor_ids);
    else if (key == "experienceUserIds")
      read(v, p, g.experience_user_ids);
    else if (key == "experienceEndpointIds")
      read(v, p, g.experience_endpoint_ids);
    else if (key == "deviceIds")
      read(v, p, g.device_ids);
    else if (key == "groupTags")
      read(v, p, g.group_tags);
    else if (key == "deviceTags")
      read(v, p, g.device_tags);
    else if (key == "deviceQueryJson")
      read_nullable(v, p, g.device_query_json);
    else if (key == "directDeviceCount")
      read(v, p, g.direct_device_count);
    else if (key == "totalDeviceCount")
      read(v, p, g.total_device_count);
    // Unknown fields are ignored.
  }
  return g;
}

ExperienceGroups decode_page(const Json& j) {
  if (!j.is_object()) malformed("$", "expected an object");
  ExperienceGroups page;
  bool has_items = false;
  for (const auto& [key, v] : j.items()) {
    if (key == "items") {
      if (!v.is_array()) malformed("items", "expected an array");
      has_items = true;
      for (std::size_t i = 0; i < v.size(); ++i) {
        page.items.push_back(decode_group(v[i], "items[" + std::to_string(i) + "]"));
      }
    } else if (key == "count")
      read(v, key, page.count);
    else if (key == "totalCount")
      read(v, key, page.total_count);
    else if (key == "perPage")
      read(v, key, page.per_page);
    else if (key == "page")
      read(v, key, page.page);
    else if (key == "filter")
      read(v, key, page.filter);
    else if (key == "filterField")
      read(v, key, page.filter_field);
    else if (key == "sortField")
      read(v, key, page.sort_field);
    else if (key == "sortDirection")
      read(v, key, page.sort_direction);
    else if (key == "applicationId")
      read(v, key, page.application_id);
  }
  if (!has_items) malformed("items", "required");
  return page;
}

template <typename T, typename Decode>
Result<T> decode(std::string_view text, Decode&& decoder) {
  try {
    const Json j = Json::parse(text.begin(), text.end());
    return decoder(j);
  } catch (const Malformed& m) {
    Error e;
    e.kind = ErrorKind::kMalformedResponse;
    e.message = m.path + ": " + m.rule;
    return e;
  } catch (const std::exception&) {
    Error e;
    e.kind = ErrorKind::kMalformedResponse;
    e.message = "not valid JSON";
    return e;
  }
}

// A device count: a number, written exactly as nlohmann wrote it (the writer knows the form
// of integral counts; any other value is formatted by nlohmann itself).
void write_count(internal::JsonWriter& w, std::string_view name,
                 const std::optional<double>& count) {
  if (!count) return;
  w.field_key(name);
  if (!w.number(*count)) w.raw(Json(*count).dump());
}

// The groups' JSON, written directly (wire/json_writer.hpp) in the order of
// experienceGroup.json; absent members are left out.
void write_group(internal::JsonWriter& w, const ExperienceGroup& g) {
  w.begin_object();
  w.member("id", g.id);
  w.member("experienceGroupId", g.experience_group_id);
  w.member("applicationId", g.application_id);
  w.member("creationDate", g.creation_date);
  w.member("lastUpdated", g.last_updated);
  w.member("name", g.name);
  w.member("description", g.description);
  w.member("parentId", g.parent_id);
  w.member("ancestorIds", g.ancestor_ids);
  w.member("experienceUserIds", g.experience_user_ids);
  w.member("experienceEndpointIds", g.experience_endpoint_ids);
  w.member("deviceIds", g.device_ids);
  w.member("groupTags", g.group_tags);
  if (g.device_tags) {
    w.field_key("deviceTags");
    w.begin_array();
    for (const auto& [key, value] : *g.device_tags) {
      w.begin_object();
      w.member("key", key);
      w.member("value", value);
      w.end_object();
    }
    w.end_array();
  }
  w.member("deviceQueryJson", g.device_query_json);
  write_count(w, "directDeviceCount", g.direct_device_count);
  write_count(w, "totalDeviceCount", g.total_device_count);
  w.end_object();
}

}  // namespace

std::string_view to_string(GroupSortField field) noexcept {
  return internal::name_of(kGroupSortFields, field);
}

std::optional<GroupSortField> parse_group_sort_field(std::string_view text) noexcept {
  return internal::value_of(kGroupSortFields, text);
}

std::string to_json(const ExperienceGroup& group) {
  std::string out;
  internal::JsonWriter w(out);
  write_group(w, group);
  return out;
}

std::string to_json(const ExperienceGroups& page) {
  std::string out;
  internal::JsonWriter w(out);
  w.begin_object();
  w.field_key("items");
  w.begin_array();
  for (const auto& g : page.items) write_group(w, g);
  w.end_array();
  w.member("count", page.count);
  w.member("totalCount", page.total_count);
  w.member("perPage", page.per_page);
  w.member("page", page.page);
  w.member("filter", page.filter);
  w.member("filterField", page.filter_field);
  w.member("sortField", page.sort_field);
  w.member("sortDirection", page.sort_direction);
  w.member("applicationId", page.application_id);
  w.end_object();
  return out;
}

Result<ExperienceGroup> parse_experience_group(std::string_view json) {
  return decode<ExperienceGroup>(json, [](const Json& j) { return decode_group(j, ""); });
}

Result<ExperienceGroups> parse_experience_groups(std::string_view json) {
  return decode<ExperienceGroups>(json, [](const Json& j) { return decode_page(j); });
}

std::optional<Error> validate(const GroupListQuery& query) {
  return internal::validate_group_query(query);
}

namespace internal {

std::optional<Error> validate_group_query(const GroupListQuery& query) {
  constexpr std::int64_t kMaxPerPage = 1000;
  constexpr std::int64_t kMaxPage = 2147483647;
  if (query.page && (*query.page < 0 || *query.page > kMaxPage)) {
    return invalid_argument("query.page", "must be 0 to " + std::to_string(kMaxPage));
  }
  if (query.per_page && (*query.per_page < 1 || *query.per_page > kMaxPerPage)) {
    return invalid_argument("query.perPage", "must be 1 to " + std::to_string(kMaxPerPage));
  }
  if (query.filter) {
    const auto length = utf8_length(*query.filter);
    if (!length) return invalid_argument("query.filter", "must be valid UTF-8");
    if (*length > 1024) return invalid_argument("query.filter", "must be at most 1024 characters");
  }
  if (query.query) {
    if (query.filter) {
      return invalid_argument("query.filter",
                              "cannot be combined with query (the API ignores the other filters "
                              "when a query is given)");
    }
    const Json j = Json::parse(*query.query, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return invalid_argument("query.query", "must be the JSON text of an object");
    }
  }
  return std::nullopt;
}

std::string groups_path(std::string_view application_id, std::string_view group_id) {
  std::string path = "/applications/";
  path += application_id;
  path += "/experience/groups";
  if (!group_id.empty()) {
    path += '/';
    path += group_id;
  }
  return path;
}

std::string group_list_query_string(const GroupListQuery& query) {
  std::string out(kDefaultQuery);
  const auto add = [&out](std::string_view name, std::string_view value) {
    out += '&';
    out += name;
    out += '=';
    out += percent_encode(value);
  };
  if (query.sort_field) add("sortField", to_string(*query.sort_field));
  if (query.sort_direction) add("sortDirection", to_string(*query.sort_direction));
  if (query.page) add("page", std::to_string(*query.page));
  if (query.per_page) add("perPage", std::to_string(*query.per_page));
  if (query.filter) {
    add("filterField", "name");
    add("filter", *query.filter);
  }
  if (query.query) add("query", Json::parse(*query.query).dump());
  return out;
}

Result<ExperienceGroup> decode_group_body(std::string_view json, std::size_t /*capacity*/) {
  return parse_experience_group(json);
}
Result<ExperienceGroups> decode_groups_body(std::string_view json, std::size_t /*capacity*/) {
  return parse_experience_groups(json);
}

}  // namespace internal
}  // namespace losant::experience_users
