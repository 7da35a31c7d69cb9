// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// parse_user_query: JSON text -> UserQuery, refusing what advancedExperienceUserQuery.json does
// not allow (unknown keys, wrong types, duplicate keys), then the rules of validate(). Errors
// name the JSON path (`query.$and[1].email.$startsWith`) and the rule.
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "losant/experience_users/user_query.hpp"
#include "policy/validation.hpp"
#include "wire/enum_names.hpp"
#include "wire/user_query_names.hpp"

namespace losant::experience_users {
namespace internal {
namespace {

using Json = nlohmann::ordered_json;

// JSON nesting the parser accepts before giving up: each query level is two JSON levels
// (object, array) plus a few for operators, so this admits kMaxQueryDepth query levels.
constexpr int kMaxJsonDepth = 2 * kMaxQueryDepth + 8;
constexpr std::size_t kMaxKeyShown = 64;

struct ParseFailure {
  Error error;
};

[[noreturn]] void fail(std::string path, std::string rule) {
  throw ParseFailure{invalid_argument(std::move(path), std::move(rule))};
}

// A key as it appears in a path: itself when short printable ASCII, else JSON-escaped.
std::string shown_key(const std::string& key) {
  bool plain = !key.empty() && key.size() <= kMaxKeyShown;
  for (char c : key) {
    const auto u = static_cast<unsigned char>(c);
    plain = plain && u > 0x20 && u < 0x7F && c != '"' && c != '\\' && c != '.' && c != '[';
  }
  if (plain) return key;
  std::string quoted = Json(key.substr(0, kMaxKeyShown)).dump(-1, ' ', true);
  return "[" + quoted + "]";
}

std::string child(const std::string& path, const std::string& key) {
  const std::string shown = shown_key(key);
  return shown.front() == '[' ? path + shown : path + "." + shown;
}

std::string index_path(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

QueryValue scalar(const std::string& path, const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return QueryValue();
    case Json::value_t::string: return QueryValue(j.get<std::string>());
    case Json::value_t::boolean: return QueryValue(j.get<bool>());
    case Json::value_t::number_integer: return QueryValue(j.get<std::int64_t>());
    case Json::value_t::number_unsigned: return QueryValue(j.get<std::uint64_t>());
    case Json::value_t::number_float: return QueryValue(j.get<double>());
    default: fail(path, "must be a string, number, boolean or null");
  }
}

FieldCondition parse_field(const std::string& path, QueryField field, const Json& j) {
  FieldCondition c;
  c.field = field;
  if (!j.is_object()) {
    if (j.is_array()) fail(path, "must be a value or an operator object, not an array");
    c.equals = scalar(path, j);
    return c;
  }
  for (const auto& [key, value] : j.items()) {
    const std::string op_path = child(path, key);
    if (key == "$ci") {
      if (!value.is_boolean()) fail(op_path, "must be true or false");
      c.case_insensitive = value.get<bool>();
      continue;
    }
    const auto op = value_of(kQueryOperators, key);
    if (!op) {
      fail(op_path,
           "unknown operator (expected $eq, $ne, $gt, $lt, $gte, $lte, $in, $nin, $startsWith, "
           "$endsWith, $contains or $ci)");
    }
    if (is_list_operator(*op)) {
      if (!value.is_array()) fail(op_path, "must be an array");
      std::vector<QueryValue> values;
      // More than the limit is refused by the rules; do not copy a huge array first.
      if (value.size() > kMaxQueryItems) {
        fail(op_path, "must hold at most " + std::to_string(kMaxQueryItems) + " values");
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        values.push_back(scalar(index_path(op_path, i), value[i]));
      }
      c.with(*op, std::move(values));
    } else {
      c.with(*op, scalar(op_path, value));
    }
  }
  return c;
}

TagMatch parse_tag_match(const std::string& path, const Json& j) {
  if (j.is_null()) return TagMatch::null();
  if (j.is_string()) return TagMatch::equals(j.get<std::string>());
  const char* const rule = R"(must be a string, null, {"$in": [...]} or {"$nin": [...]})";
  if (!j.is_object() || j.size() != 1) fail(path, rule);
  const std::string key = j.begin().key();
  const Json& list = j.begin().value();
  if (key != "$in" && key != "$nin") fail(child(path, key), rule);
  const std::string list_path = child(path, key);
  if (!list.is_array()) fail(list_path, "must be an array of strings");
  if (list.size() > kMaxQueryItems) {
    fail(list_path, "must hold at most " + std::to_string(kMaxQueryItems) + " values");
  }
  std::vector<std::string> values;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) fail(index_path(list_path, i), "must be a string");
    values.push_back(list[i].get<std::string>());
  }
  return key == "$in" ? TagMatch::in(std::move(values)) : TagMatch::not_in(std::move(values));
}

TagsCondition parse_tags(std::string path, const Json& j) {
  TagsCondition t;
  const Json* inner = &j;
  if (j.is_object() && (j.contains("$eq") || j.contains("$ne"))) {
    const std::string op = j.contains("$eq") ? "$eq" : "$ne";
    if (j.size() != 1) fail(path, "$eq/$ne must be the only key of userTags");
    t.wrap = op == "$eq" ? TagsCondition::Wrap::kEq : TagsCondition::Wrap::kNe;
    path += "." + op;
    inner = &j.at(op);
  }
  if (inner->is_null()) {
    t.form = TagsCondition::Form::kNull;
    return t;
  }
  if (!inner->is_object()) {
    fail(path, R"(must be null, {"$tagKey": ..., "$tagValue": ...} or {"KEY": VALUE, ...})");
  }
  bool special = false;
  for (const auto& [key, value] : inner->items()) {
    if (!key.empty() && key.front() == '$') special = true;
  }
  t.form = special ? TagsCondition::Form::kKeyValue : TagsCondition::Form::kByKey;
  for (const auto& [key, value] : inner->items()) {
    const std::string key_path = child(path, key);
    if (special) {
      if (key == "$tagKey") {
        t.tag_key = parse_tag_match(key_path, value);
      } else if (key == "$tagValue") {
        t.tag_value = parse_tag_match(key_path, value);
      } else if (key.front() == '$') {
        fail(key_path, "unknown operator (expected $tagKey, $tagValue, or $eq/$ne around them)");
      } else {
        fail(key_path, "takes $tagKey/$tagValue or tag keys, not both");
      }
    } else {
      t.by_key.emplace_back(key, parse_tag_match(key_path, value));
    }
  }
  return t;
}

UserQuery parse_query(const std::string& path, const Json& j) {
  if (!j.is_object()) fail(path, "must be a JSON object");
  UserQuery q;
  for (const auto& [key, value] : j.items()) {
    const std::string key_path = child(path, key);
    if (const auto logical = value_of(kLogicalOperators, key)) {
      if (!value.is_array()) fail(key_path, "must be an array of queries");
      if (value.size() > kMaxQueryItems) {
        fail(key_path, "must hold 1 to " + std::to_string(kMaxQueryItems) + " queries");
      }
      LogicalCondition l;
      l.op = *logical;
      for (std::size_t i = 0; i < value.size(); ++i) {
        l.queries.push_back(parse_query(index_path(key_path, i), value[i]));
      }
      q.terms.emplace_back(std::move(l));
    } else if (const auto field = value_of(kQueryFields, key)) {
      q.terms.emplace_back(parse_field(key_path, *field, value));
    } else if (key == "userTags") {
      q.terms.emplace_back(parse_tags(key_path, value));
    } else {
      fail(key_path,
           "unknown field (expected $and, $or, $nor, id, creationDate, lastUpdated, "
           "passwordLastUpdated, lastLogin, firstName, lastName, email, userTags or "
           "experienceGroupId)");
    }
  }
  return q;
}

// Parses JSON text, refusing duplicate keys (a JSON parser would keep one silently) and
// nesting beyond kMaxJsonDepth (so that the conversion's recursion stays bounded).
Json parse_json(std::string_view text) {
  std::vector<std::set<std::string>> open;  // keys seen, per open object (arrays: empty)
  std::optional<std::string> duplicate;
  bool too_deep = false;
  auto callback = [&](int /*depth*/, nlohmann::json::parse_event_t event, Json& parsed) {
    using E = nlohmann::json::parse_event_t;
    switch (event) {
      case E::object_start:
      case E::array_start:
        open.emplace_back();
        if (static_cast<int>(open.size()) > kMaxJsonDepth) {
          too_deep = true;
          throw ParseFailure{};
        }
        break;
      case E::object_end:
      case E::array_end: open.pop_back(); break;
      case E::key:
        if (!open.back().insert(parsed.get<std::string>()).second && !duplicate) {
          duplicate = parsed.get<std::string>();
        }
        break;
      case E::value: break;
    }
    return true;
  };
  Json j;
  try {
    j = Json::parse(text.begin(), text.end(), callback);
  } catch (const ParseFailure&) {
    if (too_deep) {
      fail("query", "nesting deeper than " + std::to_string(kMaxQueryDepth) + " levels");
    }
    throw;
  } catch (const nlohmann::json::parse_error& e) {
    fail("query", "not valid JSON (at byte " + std::to_string(e.byte) + ")");
  }
  if (duplicate) {
    fail("query", "key " + shown_key(*duplicate) + " appears twice in one object");
  }
  return j;
}

}  // namespace
}  // namespace internal

Result<UserQuery> parse_user_query(std::string_view json) {
  try {
    const internal::Json j = internal::parse_json(json);
    UserQuery q = internal::parse_query("query", j);
    if (auto e = validate(q)) return *e;
    return q;
  } catch (const internal::ParseFailure& failure) {
    return failure.error;
  } catch (const std::exception&) {
    // nlohmann reports invalid UTF-8 in strings as a parse_error while parsing, but a type or
    // out-of-range error must not escape either.
    return invalid_argument("query", "not valid JSON");
  }
}

}  // namespace losant::experience_users
