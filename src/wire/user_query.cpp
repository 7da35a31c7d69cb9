// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// UserQuery: wire names, builders, equality and the JSON encoding sent as the `query` parameter.
// Parsing from JSON text is in user_query_parse.cpp, the rules in policy/user_query_rules.cpp.
#include "losant/experience_users/user_query.hpp"

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "wire/enum_names.hpp"
#include "wire/user_query_names.hpp"

namespace losant::experience_users {
namespace internal {
namespace {

using Json = nlohmann::ordered_json;

// Integers that a double holds exactly are written without a fraction (`1700000000000`, not
// `1.7e12`), as JavaScript's JSON.stringify does.
constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

Json encode_value(const QueryValue& v) {
  switch (v.kind()) {
    case QueryValue::Kind::kNull: return nullptr;
    case QueryValue::Kind::kString: return v.as_string();
    case QueryValue::Kind::kBoolean: return v.as_bool();
    case QueryValue::Kind::kTimestamp: return format_timestamp(v.as_timestamp());
    case QueryValue::Kind::kNumber: {
      const double d = v.as_number();
      if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) <= kMaxExactInteger) {
        return static_cast<std::int64_t>(d);
      }
      return d;
    }
  }
  return nullptr;
}

Json encode_tag_match(const TagMatch& m) {
  switch (m.kind) {
    case TagMatch::Kind::kEquals: return m.text;
    case TagMatch::Kind::kNull: return nullptr;
    case TagMatch::Kind::kIn: return Json{{"$in", m.values}};
    case TagMatch::Kind::kNotIn: return Json{{"$nin", m.values}};
  }
  return nullptr;
}

Json encode_tags(const TagsCondition& t) {
  Json inner;
  switch (t.form) {
    case TagsCondition::Form::kNull: inner = nullptr; break;
    case TagsCondition::Form::kKeyValue:
      inner = Json::object();
      if (t.tag_key) inner["$tagKey"] = encode_tag_match(*t.tag_key);
      if (t.tag_value) inner["$tagValue"] = encode_tag_match(*t.tag_value);
      break;
    case TagsCondition::Form::kByKey:
      inner = Json::object();
      for (const auto& [key, match] : t.by_key) inner[key] = encode_tag_match(match);
      break;
  }
  switch (t.wrap) {
    case TagsCondition::Wrap::kNone: return inner;
    case TagsCondition::Wrap::kEq: return Json{{"$eq", std::move(inner)}};
    case TagsCondition::Wrap::kNe: return Json{{"$ne", std::move(inner)}};
  }
  return inner;
}

Json encode_field(const FieldCondition& f) {
  if (f.equals) return encode_value(*f.equals);
  Json ops = Json::object();
  for (const FieldOperation& o : f.operations) {
    const std::string name(to_string(o.op));
    if (o.op == QueryOperator::kIn || o.op == QueryOperator::kNin) {
      Json list = Json::array();
      for (const QueryValue& v : o.values) list.push_back(encode_value(v));
      ops[name] = std::move(list);
    } else {
      ops[name] = encode_value(o.value);
    }
  }
  if (f.case_insensitive) ops["$ci"] = *f.case_insensitive;
  return ops;
}

Json encode_query(const UserQuery& q) {
  Json out = Json::object();
  for (const QueryTerm& term : q.terms) {
    if (const auto* l = std::get_if<LogicalCondition>(&term)) {
      Json list = Json::array();
      for (const UserQuery& sub : l->queries) list.push_back(encode_query(sub));
      out[std::string(to_string(l->op))] = std::move(list);
    } else if (const auto* f = std::get_if<FieldCondition>(&term)) {
      out[std::string(to_string(f->field))] = encode_field(*f);
    } else {
      out["userTags"] = encode_tags(std::get<TagsCondition>(term));
    }
  }
  return out;
}

}  // namespace
}  // namespace internal

std::string_view to_string(QueryField field) noexcept {
  return internal::name_of(internal::kQueryFields, field);
}
std::string_view to_string(QueryOperator op) noexcept {
  return internal::name_of(internal::kQueryOperators, op);
}
std::string_view to_string(LogicalOperator op) noexcept {
  return internal::name_of(internal::kLogicalOperators, op);
}

UserQuery UserQuery::equals(QueryField field, QueryValue value) {
  FieldCondition c;
  c.field = field;
  c.equals = std::move(value);
  return of(std::move(c));
}

UserQuery UserQuery::where(QueryField field, QueryOperator op, QueryValue value,
                           bool case_insensitive) {
  FieldCondition c;
  c.field = field;
  c.with(op, std::move(value));
  if (case_insensitive) c.ci();
  return of(std::move(c));
}

UserQuery UserQuery::where(QueryField field, QueryOperator op, std::vector<QueryValue> values) {
  FieldCondition c;
  c.field = field;
  c.with(op, std::move(values));
  return of(std::move(c));
}

UserQuery UserQuery::of(FieldCondition condition) {
  UserQuery q;
  q.terms.emplace_back(std::move(condition));
  return q;
}

UserQuery UserQuery::of(TagsCondition condition) {
  UserQuery q;
  q.terms.emplace_back(std::move(condition));
  return q;
}

namespace {
UserQuery logical(LogicalOperator op, std::vector<UserQuery> queries) {
  UserQuery q;
  q.terms.emplace_back(LogicalCondition{op, std::move(queries)});
  return q;
}
}  // namespace

UserQuery UserQuery::all_of(std::vector<UserQuery> queries) {
  return logical(LogicalOperator::kAnd, std::move(queries));
}
UserQuery UserQuery::any_of(std::vector<UserQuery> queries) {
  return logical(LogicalOperator::kOr, std::move(queries));
}
UserQuery UserQuery::none_of(std::vector<UserQuery> queries) {
  return logical(LogicalOperator::kNor, std::move(queries));
}

UserQuery UserQuery::has_tag(std::string key, std::optional<std::string> value) {
  TagsCondition t;
  if (value) {
    t.form = TagsCondition::Form::kByKey;
    t.by_key.emplace_back(std::move(key), TagMatch::equals(std::move(*value)));
  } else {
    t.form = TagsCondition::Form::kKeyValue;
    t.tag_key = TagMatch::equals(std::move(key));
  }
  return of(std::move(t));
}

bool operator==(const UserQuery& a, const UserQuery& b) {
  return a.terms == b.terms;
}
bool operator==(const LogicalCondition& a, const LogicalCondition& b) {
  return a.op == b.op && a.queries == b.queries;
}

std::string to_json(const UserQuery& query) {
  // Invalid UTF-8 (which validate() refuses) is replaced rather than thrown on.
  return internal::encode_query(query).dump(-1, ' ', false,
                                            nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace losant::experience_users
