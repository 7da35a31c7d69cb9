// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The rules of advancedExperienceUserQuery.json (plus the few the SDK adds, documented on
// validate(const UserQuery&)), checked before any I/O. Every error names the JSON path.
#include <cmath>
#include <set>
#include <string>

#include "losant/experience_users/user_query.hpp"
#include "policy/validation.hpp"
#include "text/text.hpp"
#include "wire/user_query_names.hpp"

namespace losant::experience_users {
namespace internal {
namespace {

using OptError = std::optional<Error>;

const char* const kIdRule = "must be 24 hexadecimal characters or null";

std::string index_path(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

OptError check_utf8(const std::string& path, const std::string& text) {
  if (!utf8_length(text)) return invalid_argument(path, "must be valid UTF-8");
  return std::nullopt;
}

// A value of an id field (`id`, `experienceGroupId`): 24 hex, or null where @p null_ok.
OptError check_id_value(const std::string& path, const QueryValue& v, bool null_ok) {
  if (v.is_null()) {
    if (null_ok) return std::nullopt;
    return invalid_argument(path, "must be 24 hexadecimal characters (null is not allowed here)");
  }
  if (v.kind() != QueryValue::Kind::kString || !is_object_id(v.as_string())) {
    return invalid_argument(path, null_ok ? kIdRule : "must be 24 hexadecimal characters");
  }
  return std::nullopt;
}

// A value of a date or text field: string, number, boolean, null (where @p null_ok), and for
// date fields a Timestamp; a date field's text must be a date-time.
OptError check_plain_value(const std::string& path, QueryField field, const QueryValue& v,
                           bool null_ok) {
  switch (v.kind()) {
    case QueryValue::Kind::kNull:
      if (!null_ok) return invalid_argument(path, "must be a string, number or boolean, not null");
      return std::nullopt;
    case QueryValue::Kind::kBoolean: return std::nullopt;
    case QueryValue::Kind::kNumber:
      if (!std::isfinite(v.as_number())) return invalid_argument(path, "must be a finite number");
      return std::nullopt;
    case QueryValue::Kind::kString:
      if (auto e = check_utf8(path, v.as_string())) return e;
      if (is_date_field(field) && !parse_timestamp(v.as_string())) {
        return invalid_argument(
            path, "must be an ISO 8601 date-time such as 2024-01-31T00:00:00Z (a date field)");
      }
      return std::nullopt;
    case QueryValue::Kind::kTimestamp: {
      if (!is_date_field(field)) {
        return invalid_argument(path, "a date-time value is only for date fields");
      }
      const auto ms = v.as_timestamp().time_since_epoch().count();
      constexpr std::int64_t kYear0 = -62167219200000;
      constexpr std::int64_t kYear10000 = 253402300800000;
      if (ms < kYear0 || ms >= kYear10000) {
        return invalid_argument(path, "must be a date-time between years 0000 and 9999");
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

OptError check_value(const std::string& path, QueryField field, const QueryValue& v, bool null_ok) {
  if (is_id_field(field)) return check_id_value(path, v, null_ok);
  return check_plain_value(path, field, v, null_ok);
}

OptError check_list(const std::string& path, QueryField field,
                    const std::vector<QueryValue>& values) {
  if (values.size() > kMaxQueryItems) {
    return invalid_argument(path,
                            "must hold at most " + std::to_string(kMaxQueryItems) + " values");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (auto e = check_value(index_path(path, i), field, values[i], false)) return e;
  }
  return std::nullopt;
}

OptError check_field(const std::string& path, const FieldCondition& f) {
  if (f.equals) {
    if (!f.operations.empty() || f.case_insensitive) {
      return invalid_argument(path, "takes a plain value or an operator object, not both");
    }
    return check_value(path, f.field, *f.equals, true);
  }
  if (f.operations.empty()) {
    return invalid_argument(path, "must have at least one operator ($ci alone tests nothing)");
  }
  const bool id_field = is_id_field(f.field);
  if (id_field && f.case_insensitive) {
    return invalid_argument(path + ".$ci", "is not allowed on " + std::string(to_string(f.field)));
  }
  if (id_field && f.operations.size() > 1) {
    return invalid_argument(path, "takes exactly one operator (the schema allows one)");
  }
  std::set<QueryOperator> seen;
  for (const FieldOperation& o : f.operations) {
    const std::string op_path = path + "." + std::string(to_string(o.op));
    if (!seen.insert(o.op).second) {
      return invalid_argument(op_path, "appears twice (each operator at most once)");
    }
    if (is_text_operator(o.op)) {
      if (id_field) {
        return invalid_argument(op_path, "is not allowed on " + std::string(to_string(f.field)) +
                                             " (use $eq, $ne, $gt, $lt, $gte, $lte, $in or $nin)");
      }
      if (o.value.kind() != QueryValue::Kind::kString) {
        return invalid_argument(op_path, "must be a string");
      }
      if (o.value.as_string().empty()) return invalid_argument(op_path, "must not be empty");
      if (auto e = check_utf8(op_path, o.value.as_string())) return e;
    } else if (is_list_operator(o.op)) {
      if (auto e = check_list(op_path, f.field, o.values)) return e;
    } else {
      if (auto e = check_value(op_path, f.field, o.value, true)) return e;
    }
  }
  return std::nullopt;
}

OptError check_tag_text(const std::string& path, const std::string& text) {
  const auto length = utf8_length(text);
  if (!length) return invalid_argument(path, "must be valid UTF-8");
  if (*length > kMaxTagTextLength) {
    return invalid_argument(path,
                            "must be at most " + std::to_string(kMaxTagTextLength) + " characters");
  }
  return std::nullopt;
}

OptError check_tag_match(const std::string& path, const TagMatch& m) {
  switch (m.kind) {
    case TagMatch::Kind::kNull: return std::nullopt;
    case TagMatch::Kind::kEquals: return check_tag_text(path, m.text);
    case TagMatch::Kind::kIn:
    case TagMatch::Kind::kNotIn: {
      const std::string list_path = path + (m.kind == TagMatch::Kind::kIn ? ".$in" : ".$nin");
      if (m.values.size() > kMaxQueryItems) {
        return invalid_argument(list_path,
                                "must hold at most " + std::to_string(kMaxQueryItems) + " values");
      }
      for (std::size_t i = 0; i < m.values.size(); ++i) {
        if (auto e = check_tag_text(index_path(list_path, i), m.values[i])) return e;
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

bool is_tag_key(const std::string& key) {
  if (key.empty() || key.size() > kMaxTagTextLength) return false;
  for (char c : key) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

OptError check_tags(std::string path, const TagsCondition& t) {
  if (t.wrap == TagsCondition::Wrap::kEq) path += ".$eq";
  if (t.wrap == TagsCondition::Wrap::kNe) path += ".$ne";
  switch (t.form) {
    case TagsCondition::Form::kNull:
      if (t.tag_key || t.tag_value || !t.by_key.empty()) {
        return invalid_argument(path, "the null form takes no tag matches");
      }
      return std::nullopt;
    case TagsCondition::Form::kKeyValue:
      if (!t.by_key.empty()) {
        return invalid_argument(path, "takes $tagKey/$tagValue or tag keys, not both");
      }
      if (!t.tag_key && !t.tag_value) {
        return invalid_argument(path, "needs $tagKey, $tagValue or both");
      }
      if (t.tag_key) {
        if (auto e = check_tag_match(path + ".$tagKey", *t.tag_key)) return e;
      }
      if (t.tag_value) {
        if (auto e = check_tag_match(path + ".$tagValue", *t.tag_value)) return e;
      }
      return std::nullopt;
    case TagsCondition::Form::kByKey: {
      if (t.tag_key || t.tag_value) {
        return invalid_argument(path, "takes $tagKey/$tagValue or tag keys, not both");
      }
      if (t.by_key.empty()) return invalid_argument(path, "must name at least one tag key");
      std::set<std::string> seen;
      for (const auto& [key, match] : t.by_key) {
        if (!is_tag_key(key)) {
          return invalid_argument(path, "tag keys must match ^[0-9a-zA-Z_-]{1,255}$");
        }
        if (!seen.insert(key).second) {
          return invalid_argument(path + "." + key, "appears twice in one object");
        }
        if (auto e = check_tag_match(path + "." + key, match)) return e;
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

OptError check_query(const UserQuery& q, const std::string& path, int depth) {
  if (depth > kMaxQueryDepth) {
    return invalid_argument(path,
                            "nesting deeper than " + std::to_string(kMaxQueryDepth) + " levels");
  }
  std::set<std::string> keys;
  for (const QueryTerm& term : q.terms) {
    std::string key;
    if (const auto* l = std::get_if<LogicalCondition>(&term)) {
      key = std::string(to_string(l->op));
    } else if (const auto* f = std::get_if<FieldCondition>(&term)) {
      key = std::string(to_string(f->field));
    } else {
      key = "userTags";
    }
    const std::string key_path = path + "." + key;
    if (!keys.insert(key).second) {
      return invalid_argument(key_path,
                              "appears twice in one object (combine conditions with $and)");
    }
    if (const auto* l = std::get_if<LogicalCondition>(&term)) {
      if (l->queries.empty() || l->queries.size() > kMaxQueryItems) {
        return invalid_argument(key_path,
                                "must hold 1 to " + std::to_string(kMaxQueryItems) + " queries");
      }
      for (std::size_t i = 0; i < l->queries.size(); ++i) {
        if (auto e = check_query(l->queries[i], index_path(key_path, i), depth + 1)) return e;
      }
    } else if (const auto* f = std::get_if<FieldCondition>(&term)) {
      if (auto e = check_field(key_path, *f)) return e;
    } else {
      if (auto e = check_tags(key_path, std::get<TagsCondition>(term))) return e;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> validate_user_query(const UserQuery& query) {
  return check_query(query, "query", 1);
}

}  // namespace internal

std::optional<Error> validate(const UserQuery& query) {
  return internal::validate_user_query(query);
}

}  // namespace losant::experience_users
