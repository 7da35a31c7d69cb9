// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "routes.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "groups.hpp"
#include "store.hpp"
#include "text.hpp"

namespace losant::emulator::detail {

/// One operation: its method, its path pattern (`{name}` captures a segment) and its handler.
struct RouteSpec {
  Route route;
  std::string_view method;
  std::string_view pattern;
  Reply (*handle)(Served served, const Target& target, const Call& call);
};

namespace {

constexpr std::string_view kApplicationId = "applicationId";
constexpr std::string_view kUserId = "experienceUserId";
constexpr std::string_view kGroupId = "experienceGroupId";

// ---- handlers ----------------------------------------------------------------------------------
Reply list_users(Served served, const Target&, const Call& call) {
  ListQuery query;
  if (auto error = parse_list_query(call.params, &query)) return validation_error(*error);
  return served.store.list(query);
}

Reply create_user(Served served, const Target&, const Call& call) {
  UserInput input;
  if (auto error = parse_user_input(call.body, BodySchema::kPost, &input))
    return validation_error(*error);
  return served.store.create(input);
}

Reply get_user(Served served, const Target& target, const Call&) {
  return served.store.get(target.param(kUserId));
}

Reply update_user(Served served, const Target& target, const Call& call) {
  UserInput input;
  if (auto error = parse_user_input(call.body, BodySchema::kPatch, &input))
    return validation_error(*error);
  return served.store.update(target.param(kUserId), input);
}

Reply delete_user(Served served, const Target& target, const Call&) {
  return served.store.remove(target.param(kUserId));
}

Reply list_groups(Served served, const Target&, const Call& call) {
  return detail::list_groups(call.params, served.store.groups(), served.application_id);
}

Reply get_group(Served served, const Target& target, const Call&) {
  return detail::get_group(target.param(kGroupId), served.store.groups(), served.application_id);
}

// ---- the table ---------------------------------------------------------------------------------
constexpr RouteSpec kRoutes[] = {
    {Route::kList, "GET", "/applications/{applicationId}/experience/users", list_users},
    {Route::kCreate, "POST", "/applications/{applicationId}/experience/users", create_user},
    {Route::kGet, "GET", "/applications/{applicationId}/experience/users/{experienceUserId}",
     get_user},
    {Route::kUpdate, "PATCH", "/applications/{applicationId}/experience/users/{experienceUserId}",
     update_user},
    {Route::kDelete, "DELETE", "/applications/{applicationId}/experience/users/{experienceUserId}",
     delete_user},
    {Route::kListGroups, "GET", "/applications/{applicationId}/experience/groups", list_groups},
    {Route::kGetGroup, "GET", "/applications/{applicationId}/experience/groups/{experienceGroupId}",
     get_group},
};

// The segments of @p path without its leading slash (and one trailing slash); empty if @p path
// does not start with a slash.
std::vector<std::string_view> segments_of(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

// Matches @p segments against @p pattern; fills the captures of @p target.
bool match_pattern(std::string_view pattern, const std::vector<std::string_view>& segments,
                   Target* target) {
  const std::vector<std::string_view> expected = segments_of(pattern);
  if (expected.size() != segments.size()) return false;
  target->path_params.clear();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::string_view want = expected[i];
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      if (segments[i].empty()) return false;
      target->path_params.emplace_back(want.substr(1, want.size() - 2), std::string(segments[i]));
    } else if (want != segments[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

const std::string& Target::param(std::string_view name) const {
  static const std::string kNone;
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  return kNone;
}

std::optional<Target> match_route(std::string_view method, std::string_view path) {
  const std::string_view effective = method == "HEAD" ? std::string_view("GET") : method;
  const std::vector<std::string_view> segments = segments_of(path);
  for (const RouteSpec& spec : kRoutes) {
    Target target;
    if (spec.method == effective && match_pattern(spec.pattern, segments, &target)) {
      target.spec = &spec;
      target.route = spec.route;
      return target;
    }
  }
  return std::nullopt;
}

Reply execute(Served served, const Target& target, const Call& call) {
  if (!call.authorized) return error_reply(401, "Unauthorized", "Unauthorized");
  const std::string& application_id = target.param(kApplicationId);
  if (!is_object_id(application_id))
    return validation_error("applicationId must match ^[A-Fa-f\\d]{24}$");
  if (!iequals(application_id, served.application_id))
    return not_found("Application was not found");
  for (const auto& [name, value] : target.path_params) {
    if (name != kApplicationId && !is_object_id(value))
      return validation_error(std::string(name) + " must match ^[A-Fa-f\\d]{24}$");
  }
  return target.spec->handle(served, target, call);
}

std::string add_seed_user(Store& store, const UserSeed& user) {
  std::string body = "{\"email\":";
  append_json_string(body, user.email);
  body += ",\"password\":\"placeholder-password\"";
  if (user.first_name) {
    body += ",\"firstName\":";
    append_json_string(body, *user.first_name);
  }
  if (user.last_name) {
    body += ",\"lastName\":";
    append_json_string(body, *user.last_name);
  }
  if (!user.tags.empty()) {
    body += ",\"userTags\":{";
    const char* separator = "";
    for (const auto& [key, value] : user.tags) {
      body += separator;
      append_json_string(body, key);
      body += ':';
      append_json_string(body, value);
      separator = ",";
    }
    body += '}';
  }
  if (!user.group_ids.empty()) {
    body += ",\"experienceGroupIds\":[";
    const char* separator = "";
    for (const std::string& id : user.group_ids) {
      body += separator;
      append_json_string(body, id);
      separator = ",";
    }
    body += ']';
  }
  body += '}';

  UserInput input;
  if (auto error = parse_user_input(body, BodySchema::kPost, &input))
    throw std::invalid_argument("add_user: " + *error);
  std::string id;
  const Reply reply = store.create(input, &id);
  if (reply.status != 201) {
    const auto json = nlohmann::json::parse(reply.body, nullptr, false);
    const std::string message =
        json.is_object() && json.value("message", nlohmann::json()).is_string()
            ? json["message"].get<std::string>()
            : reply.body;
    throw std::invalid_argument("add_user: " + message);
  }
  return id;
}

}  // namespace losant::emulator::detail
