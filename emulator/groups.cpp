// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "groups.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "text.hpp"

namespace losant::emulator::detail {
namespace {

using Json = nlohmann::json;

// Seeded groups carry no history: every one was created (and last updated) at this instant.
constexpr Millis kGroupsCreated = 1577836800000;  // 2020-01-01T00:00:00.000Z
constexpr std::size_t kMaxPerPage = 1000;
constexpr std::size_t kMaxItems = 100;

struct GroupView {
  const Group* group;
  std::vector<std::string> ancestor_ids;  // nearest first
};

std::vector<GroupView> views_of(const std::vector<Group>& groups) {
  std::map<std::string, const Group*> by_id;
  for (const Group& g : groups) by_id[g.id] = &g;
  std::vector<GroupView> out;
  for (const Group& g : groups) {
    GroupView v{&g, {}};
    for (auto parent = g.parent_id; parent && v.ancestor_ids.size() < groups.size();) {
      v.ancestor_ids.push_back(*parent);
      const auto it = by_id.find(*parent);
      parent = it == by_id.end() ? std::nullopt : it->second->parent_id;
    }
    out.push_back(std::move(v));
  }
  return out;
}

Json group_json(const GroupView& v, const std::string& application_id) {
  Json j;
  j["id"] = v.group->id;
  j["experienceGroupId"] = v.group->id;
  j["applicationId"] = application_id;
  j["creationDate"] = format_timestamp(kGroupsCreated);
  j["lastUpdated"] = format_timestamp(kGroupsCreated);
  j["name"] = v.group->name;
  j["parentId"] = v.group->parent_id ? Json(*v.group->parent_id) : Json(nullptr);
  j["ancestorIds"] = v.ancestor_ids;
  j["groupTags"] = Json::object();
  return j;
}

// ---- the group query --------------------------------------------------------------------

struct Bad {
  std::string message;
};

std::string fold(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// One field's values for a group: several for ancestorId (membership), none when absent.
std::vector<Json> values_of(const GroupView& v, const std::string& field) {
  if (field == "id") return {v.group->id};
  if (field == "name") return {v.group->name};
  if (field == "parentId")
    return v.group->parent_id ? std::vector<Json>{*v.group->parent_id} : std::vector<Json>{};
  if (field == "ancestorId") return {v.ancestor_ids.begin(), v.ancestor_ids.end()};
  return {Json(static_cast<double>(kGroupsCreated))};  // creationDate, lastUpdated
}

Json operand(const std::string& field, const Json& j, bool ci) {
  const bool id_field = field == "id" || field == "parentId" || field == "ancestorId";
  if (j.is_null()) return j;
  if (id_field) {
    if (!j.is_string() || !is_object_id(j.get<std::string>()))
      throw Bad{field + " must be a 24 character hex id or null"};
    return to_lower(j.get<std::string>());
  }
  if (j.is_object() || j.is_array())
    throw Bad{field + " must be a string, number, boolean or null"};
  if ((field == "creationDate" || field == "lastUpdated") && j.is_string()) {
    const auto t = parse_timestamp(j.get<std::string>());
    if (!t) throw Bad{field + " must be a date-time"};
    return static_cast<double>(*t);
  }
  if (j.is_string() && ci) return fold(j.get<std::string>());
  return j;
}

// -2 when not comparable.
int compare(const Json& value, const Json& o, bool ci) {
  if (value.is_number() && o.is_number()) {
    const double a = value.get<double>(), b = o.get<double>();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (value.is_string() && o.is_string()) {
    const std::string a = ci ? fold(value.get<std::string>()) : value.get<std::string>();
    const int c = a.compare(o.get<std::string>());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  return -2;
}

bool one_op(const std::vector<Json>& values, const std::string& field, const std::string& op,
            const Json& arg, bool ci) {
  const auto eq_one = [&](const Json& o) {
    if (o.is_null()) return values.empty();
    return std::any_of(values.begin(), values.end(),
                       [&](const Json& v) { return compare(v, o, ci) == 0; });
  };
  if (op == "$eq") return eq_one(operand(field, arg, ci));
  if (op == "$ne") return !eq_one(operand(field, arg, ci));
  if (op == "$in" || op == "$nin") {
    if (!arg.is_array() || arg.size() > kMaxItems)
      throw Bad{field + "." + op + " must be an array"};
    bool any = false;
    for (const Json& item : arg) any = eq_one(operand(field, item, ci)) || any;
    return op == "$in" ? any : !any;
  }
  if (op == "$gt" || op == "$lt" || op == "$gte" || op == "$lte") {
    const Json o = operand(field, arg, ci);
    return !o.is_null() && std::any_of(values.begin(), values.end(), [&](const Json& v) {
      const int c = compare(v, o, ci);
      if (c == -2) return false;
      return op == "$gt" ? c > 0 : op == "$lt" ? c < 0 : op == "$gte" ? c >= 0 : c <= 0;
    });
  }
  if (op == "$startsWith" || op == "$endsWith" || op == "$contains") {
    if (!arg.is_string() || arg.get<std::string>().empty())
      throw Bad{field + "." + op + " must be a non-empty string"};
    const std::string needle = ci ? fold(arg.get<std::string>()) : arg.get<std::string>();
    return std::any_of(values.begin(), values.end(), [&](const Json& v) {
      if (!v.is_string()) return false;
      const std::string s = ci ? fold(v.get<std::string>()) : v.get<std::string>();
      if (op == "$contains") return s.find(needle) != std::string::npos;
      if (s.size() < needle.size()) return false;
      return op == "$startsWith" ? s.compare(0, needle.size(), needle) == 0
                                 : s.compare(s.size() - needle.size(), needle.size(), needle) == 0;
    });
  }
  throw Bad{field + "." + op + " is not an allowed operator"};
}

bool matches(const Json& q, const GroupView& v, int depth) {
  if (depth > 100) throw Bad{"query is nested too deeply"};
  if (!q.is_object()) throw Bad{"query must be an object"};
  for (auto it = q.begin(); it != q.end(); ++it) {
    const std::string& key = it.key();
    if (key == "$and" || key == "$or" || key == "$nor") {
      if (!it->is_array() || it->empty() || it->size() > kMaxItems)
        throw Bad{key + " must be an array of 1 to 100 queries"};
      std::size_t n = 0;
      for (const Json& sub : *it) n += matches(sub, v, depth + 1) ? 1 : 0;
      const bool ok = key == "$and" ? n == it->size() : key == "$or" ? n > 0 : n == 0;
      if (!ok) return false;
      continue;
    }
    static const char* const kFields[] = {"id",         "name",         "parentId",
                                          "ancestorId", "creationDate", "lastUpdated"};
    if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields)) {
      if (key == "groupTags" || key == "experienceUserId" || key == "experienceEndpointId")
        throw Bad{key + " queries are not emulated"};
      throw Bad{key + " is not an allowed field"};
    }
    const std::vector<Json> values = values_of(v, key);
    if (!it->is_object()) {
      if (!one_op(values, key, "$eq", *it, false)) return false;
      continue;
    }
    const bool ci = it->contains("$ci") && (*it)["$ci"] == true;
    for (auto op = it->begin(); op != it->end(); ++op) {
      if (op.key() == "$ci") continue;
      // Membership (ancestorId): $ne/$nin mean "none of them"; handled by eq_one over all.
      if (!one_op(values, key, op.key(), *op, ci)) return false;
    }
  }
  return true;
}

std::optional<std::string> param(const QueryParams& params, const std::string& name) {
  const auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> number(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  std::size_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

}  // namespace

Reply get_group(const std::string& group_id, const std::vector<Group>& groups,
                const std::string& application_id) {
  const std::string wanted = to_lower(group_id);
  for (const GroupView& v : views_of(groups)) {
    if (v.group->id == wanted) {
      Reply reply;
      reply.body = group_json(v, application_id).dump();
      return reply;
    }
  }
  return not_found("Experience Group was not found");
}

Reply list_groups(const QueryParams& params, const std::vector<Group>& groups,
                  const std::string& application_id) {
  const std::vector<GroupView> views = views_of(groups);
  const std::string sort_field = param(params, "sortField").value_or("name");
  const std::string direction = param(params, "sortDirection").value_or("asc");
  if (sort_field != "name" && sort_field != "id" && sort_field != "creationDate" &&
      sort_field != "lastUpdated")
    return validation_error("sortField must be one of name, id, creationDate, lastUpdated");
  if (direction != "asc" && direction != "desc")
    return validation_error("sortDirection must be one of asc, desc");
  std::size_t page = 0;
  std::size_t per_page = 100;
  if (auto p = param(params, "page")) {
    const auto n = number(*p);
    if (!n) return validation_error("page must be a non-negative integer");
    page = *n;
  }
  if (auto p = param(params, "perPage")) {
    const auto n = number(*p);
    if (!n || *n < 1 || *n > kMaxPerPage)
      return validation_error("perPage must be an integer from 1 to 1000");
    per_page = *n;
  }
  const auto filter_field = param(params, "filterField");
  const auto filter = param(params, "filter");
  if (filter_field && *filter_field != "name" && !filter_field->empty())
    return validation_error("filterField must be one of name");
  std::optional<Json> query;
  if (auto q = param(params, "query")) {
    query = Json::parse(*q, nullptr, false);
    if (query->is_discarded() || !query->is_object())
      return validation_error("query must be a JSON object");
  }
  std::vector<const GroupView*> kept;
  try {
    for (const GroupView& v : views) {
      if (query) {
        if (!matches(*query, v, 1)) continue;
      } else if (filter_field && filter && !filter->empty() &&
                 !glob_match(*filter, v.group->name)) {
        continue;
      }
      kept.push_back(&v);
    }
  } catch (const Bad& bad) {
    return validation_error(bad.message);
  }
  // Ties (equal names or dates) are broken by id, so the order is total.
  const auto key = [&](const GroupView* v) {
    return sort_field == "name" ? v->group->name
           : sort_field == "id" ? v->group->id
                                : std::string();
  };
  std::stable_sort(kept.begin(), kept.end(), [&](const GroupView* a, const GroupView* b) {
    const auto ka = key(a), kb = key(b);
    return ka != kb ? ka < kb : a->group->id < b->group->id;
  });
  if (direction == "desc") std::reverse(kept.begin(), kept.end());
  Json items = Json::array();
  for (std::size_t i = page * per_page; i < kept.size() && items.size() < per_page; ++i) {
    items.push_back(group_json(*kept[i], application_id));
  }
  Json body;
  body["items"] = items;
  body["count"] = items.size();
  body["totalCount"] = kept.size();
  body["perPage"] = per_page;
  body["page"] = page;
  body["sortField"] = sort_field;
  body["sortDirection"] = direction;
  if (filter_field) body["filterField"] = *filter_field;
  if (filter) body["filter"] = *filter;
  body["applicationId"] = application_id;
  Reply reply;
  reply.body = body.dump();
  return reply;
}

}  // namespace losant::emulator::detail
