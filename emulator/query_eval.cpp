// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The advanced query: schema validation (the API answers 400 Validation) and a compiled tree
// evaluated per user. See query_eval.hpp for the semantics.
// Over 400 lines because the grammar is validated, compiled and evaluated in one pass over the
// same tables (fields, kinds, operators): kept together, a rule cannot be checked in one place
// and evaluated differently in another.
#include "query_eval.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace losant::emulator::detail {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxItems = 100;
constexpr int kMaxDepth = 100;
constexpr std::size_t kMaxTagText = 255;

enum class Field {
  kId,
  kCreationDate,
  kLastUpdated,
  kPasswordLastUpdated,
  kLastLogin,
  kFirstName,
  kLastName,
  kEmail,
  kGroup
};
enum class Kind { kText, kDate, kId, kGroup };

Kind kind_of(Field f) {
  switch (f) {
    case Field::kId: return Kind::kId;
    case Field::kGroup: return Kind::kGroup;
    case Field::kCreationDate:
    case Field::kLastUpdated:
    case Field::kPasswordLastUpdated:
    case Field::kLastLogin: return Kind::kDate;
    default: return Kind::kText;
  }
}

std::optional<Field> field_named(const std::string& name) {
  static const std::pair<const char*, Field> kFields[] = {
      {"id", Field::kId},
      {"creationDate", Field::kCreationDate},
      {"lastUpdated", Field::kLastUpdated},
      {"passwordLastUpdated", Field::kPasswordLastUpdated},
      {"lastLogin", Field::kLastLogin},
      {"firstName", Field::kFirstName},
      {"lastName", Field::kLastName},
      {"email", Field::kEmail},
      {"experienceGroupId", Field::kGroup}};
  for (const auto& [n, f] : kFields) {
    if (name == n) return f;
  }
  return std::nullopt;
}

enum class Op { kEq, kNe, kGt, kLt, kGte, kLte, kIn, kNin, kStartsWith, kEndsWith, kContains };

std::optional<Op> op_named(const std::string& name) {
  static const std::pair<const char*, Op> kOps[] = {{"$eq", Op::kEq},
                                                    {"$ne", Op::kNe},
                                                    {"$gt", Op::kGt},
                                                    {"$lt", Op::kLt},
                                                    {"$gte", Op::kGte},
                                                    {"$lte", Op::kLte},
                                                    {"$in", Op::kIn},
                                                    {"$nin", Op::kNin},
                                                    {"$startsWith", Op::kStartsWith},
                                                    {"$endsWith", Op::kEndsWith},
                                                    {"$contains", Op::kContains}};
  for (const auto& [n, o] : kOps) {
    if (name == n) return o;
  }
  return std::nullopt;
}

// A compiled operand: text, a number (dates: milliseconds), a boolean or null.
struct Operand {
  enum class Type { kNull, kText, kNumber, kBool } type = Type::kNull;
  std::string text;  // ids lower case; folded when the condition is case-insensitive
  double number = 0;
  bool boolean = false;
};

struct Test {
  Op op = Op::kEq;
  Operand operand;
  std::vector<Operand> list;  // $in / $nin
};

struct TagMatcher {
  enum class Type { kEquals, kNull, kIn, kNin } type = Type::kEquals;
  std::string text;
  std::vector<std::string> values;

  // Against an existing key or value.
  bool present(const std::string& s) const {
    switch (type) {
      case Type::kEquals: return s == text;
      case Type::kNull: return false;
      case Type::kIn: return std::find(values.begin(), values.end(), s) != values.end();
      case Type::kNin: return std::find(values.begin(), values.end(), s) == values.end();
    }
    return false;
  }
  // Against a tag that the user does not have.
  bool absent() const { return type == Type::kNull || type == Type::kNin; }
};

bool is_hex_id(const Json& j) {
  return j.is_string() && is_object_id(j.get<std::string>());
}

bool is_tag_key(const std::string& key) {
  if (key.empty() || key.size() > kMaxTagText) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == '-';
  });
}

std::string fold(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

struct Invalid {
  std::string message;
};

[[noreturn]] void invalid(std::string message) {
  throw Invalid{std::move(message)};
}

}  // namespace

struct UserQueryFilter::Node {
  enum class Type { kAll, kAnd, kOr, kNor, kField, kTags } type = Type::kAll;
  std::vector<Node> children;  // kAll (the keys of one object), kAnd, kOr, kNor

  // kField
  Field field = Field::kEmail;
  bool ci = false;
  std::vector<Test> tests;

  // kTags
  enum class TagForm { kNull, kKeyValue, kByKey } tag_form = TagForm::kNull;
  bool negate = false;
  std::optional<TagMatcher> tag_key, tag_value;
  std::vector<std::pair<std::string, TagMatcher>> by_key;
};

namespace {

using Node = UserQueryFilter::Node;

Operand compile_operand(const std::string& where, Kind kind, const Json& j, bool ci) {
  Operand o;
  if (j.is_null()) return o;
  if (kind == Kind::kId || kind == Kind::kGroup) {
    if (!is_hex_id(j)) invalid(where + " must be a 24 character hex id or null");
    o.type = Operand::Type::kText;
    o.text = to_lower(j.get<std::string>());
    return o;
  }
  if (j.is_boolean()) {
    o.type = Operand::Type::kBool;
    o.boolean = j.get<bool>();
  } else if (j.is_number()) {
    o.type = Operand::Type::kNumber;
    o.number = j.get<double>();
  } else if (j.is_string()) {
    if (kind == Kind::kDate) {
      const auto t = parse_timestamp(j.get<std::string>());
      if (!t) invalid(where + " must be a date-time");
      o.type = Operand::Type::kNumber;
      o.number = static_cast<double>(*t);
    } else {
      o.type = Operand::Type::kText;
      o.text = ci ? fold(j.get<std::string>()) : j.get<std::string>();
    }
  } else {
    invalid(where + " must be a string, number, boolean or null");
  }
  return o;
}

Node compile_field(const std::string& where, Field field, const Json& j) {
  Node n;
  n.type = Node::Type::kField;
  n.field = field;
  const Kind kind = kind_of(field);
  if (!j.is_object()) {
    if (j.is_array()) invalid(where + " must not be an array");
    n.tests.push_back(Test{Op::kEq, compile_operand(where, kind, j, false), {}});
    return n;
  }
  const bool ids = kind == Kind::kId || kind == Kind::kGroup;
  if (ids && j.size() != 1) invalid(where + " must have exactly one operator");
  if (j.contains("$ci")) {
    if (ids) invalid(where + ".$ci is not allowed");
    if (!j["$ci"].is_boolean()) invalid(where + ".$ci must be a boolean");
    n.ci = j["$ci"].get<bool>();
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "$ci") continue;
    const std::string at = where + "." + it.key();
    const auto op = op_named(it.key());
    if (!op) invalid(at + " is not an allowed operator");
    Test t;
    t.op = *op;
    if (*op == Op::kIn || *op == Op::kNin) {
      if (!it->is_array() || it->size() > kMaxItems) {
        invalid(at + " must be an array of at most 100 values");
      }
      for (const Json& item : *it) {
        if (item.is_null() || item.is_object() || item.is_array()) {
          invalid(at + " items must be strings, numbers or booleans");
        }
        t.list.push_back(compile_operand(at, kind, item, n.ci));
      }
    } else if (*op == Op::kStartsWith || *op == Op::kEndsWith || *op == Op::kContains) {
      if (ids) invalid(at + " is not allowed on ids");
      if (!it->is_string() || it->get<std::string>().empty()) {
        invalid(at + " must be a non-empty string");
      }
      t.operand.type = Operand::Type::kText;
      t.operand.text = n.ci ? fold(it->get<std::string>()) : it->get<std::string>();
    } else {
      t.operand = compile_operand(at, kind, *it, n.ci);
    }
    n.tests.push_back(std::move(t));
  }
  if (n.tests.empty()) invalid(where + " must have at least one operator");
  return n;
}

TagMatcher compile_tag_matcher(const std::string& where, const Json& j) {
  TagMatcher m;
  const auto check_text = [&](const Json& s) {
    if (!s.is_string() || s.get<std::string>().size() > kMaxTagText) {
      invalid(where + " must be a string of at most 255 characters");
    }
    return s.get<std::string>();
  };
  if (j.is_null()) {
    m.type = TagMatcher::Type::kNull;
  } else if (j.is_string()) {
    m.text = check_text(j);
  } else if (j.is_object() && j.size() == 1 && (j.contains("$in") || j.contains("$nin"))) {
    m.type = j.contains("$in") ? TagMatcher::Type::kIn : TagMatcher::Type::kNin;
    const Json& list = j.begin().value();
    if (!list.is_array() || list.size() > kMaxItems) {
      invalid(where + " must hold an array of at most 100 strings");
    }
    for (const Json& item : list) m.values.push_back(check_text(item));
  } else {
    invalid(where + " must be a string, null, $in or $nin");
  }
  return m;
}

Node compile_tags(std::string where, const Json& j) {
  Node n;
  n.type = Node::Type::kTags;
  const Json* inner = &j;
  if (j.is_object() && j.size() == 1 && (j.contains("$eq") || j.contains("$ne"))) {
    n.negate = j.contains("$ne");
    inner = &j.begin().value();
    where += n.negate ? ".$ne" : ".$eq";
  }
  if (inner->is_null()) {
    n.tag_form = Node::TagForm::kNull;
    return n;
  }
  if (!inner->is_object() || inner->empty()) invalid(where + " must be null or a non-empty object");
  if (inner->contains("$tagKey") || inner->contains("$tagValue")) {
    n.tag_form = Node::TagForm::kKeyValue;
    for (auto it = inner->begin(); it != inner->end(); ++it) {
      if (it.key() == "$tagKey") {
        n.tag_key = compile_tag_matcher(where + ".$tagKey", *it);
      } else if (it.key() == "$tagValue") {
        n.tag_value = compile_tag_matcher(where + ".$tagValue", *it);
      } else {
        invalid(where + "." + it.key() + " is not allowed");
      }
    }
    return n;
  }
  n.tag_form = Node::TagForm::kByKey;
  for (auto it = inner->begin(); it != inner->end(); ++it) {
    if (!is_tag_key(it.key())) invalid(where + " has a key that is not a tag key");
    n.by_key.emplace_back(it.key(), compile_tag_matcher(where + "." + it.key(), *it));
  }
  return n;
}

Node compile_query(const std::string& where, const Json& j, int depth) {
  if (depth > kMaxDepth) invalid("query is nested too deeply");
  if (!j.is_object()) invalid(where + " must be an object");
  Node all;
  all.type = Node::Type::kAll;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const std::string at = where + "." + key;
    if (key == "$and" || key == "$or" || key == "$nor") {
      if (!it->is_array() || it->empty() || it->size() > kMaxItems) {
        invalid(at + " must be an array of 1 to 100 queries");
      }
      Node logical;
      logical.type = key == "$and"  ? Node::Type::kAnd
                     : key == "$or" ? Node::Type::kOr
                                    : Node::Type::kNor;
      for (std::size_t i = 0; i < it->size(); ++i) {
        logical.children.push_back(
            compile_query(at + "[" + std::to_string(i) + "]", (*it)[i], depth + 1));
      }
      all.children.push_back(std::move(logical));
    } else if (key == "userTags") {
      all.children.push_back(compile_tags(at, *it));
    } else if (const auto field = field_named(key)) {
      all.children.push_back(compile_field(at, *field, *it));
    } else {
      invalid(at + " is not an allowed field");
    }
  }
  return all;
}

// ---- evaluation -------------------------------------------------------------------------

// The value of a field for one user, as text or as milliseconds; nullopt when absent.
struct FieldValue {
  bool present = false;
  bool is_number = false;
  std::string_view text;
  double number = 0;
};

FieldValue text_value(std::string_view s) {
  FieldValue v;
  v.present = true;
  v.text = s;
  return v;
}
FieldValue date_value(Millis ms) {
  FieldValue v;
  v.present = true;
  v.is_number = true;
  v.number = static_cast<double>(ms);
  return v;
}
FieldValue optional_text(const std::optional<std::string>* s) {
  return s && *s ? text_value(**s) : FieldValue{};
}

// -1, 0, 1 when the value and operand are comparable (the same type); nullopt otherwise.
std::optional<int> compare(const FieldValue& v, const Operand& o, bool ci) {
  if (v.is_number) {
    if (o.type != Operand::Type::kNumber) return std::nullopt;
    return v.number < o.number ? -1 : v.number > o.number ? 1 : 0;
  }
  if (o.type != Operand::Type::kText) return std::nullopt;
  const std::string folded = ci ? fold(std::string(v.text)) : std::string();
  const std::string_view text = ci ? std::string_view(folded) : v.text;
  const int c = text.compare(o.text);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

bool equals(const FieldValue& v, const Operand& o, bool ci) {
  if (o.type == Operand::Type::kNull) return !v.present;
  if (!v.present) return false;
  const auto c = compare(v, o, ci);
  return c && *c == 0;
}

// One test against one value (for membership: one of the user's groups).
bool test_value(const Test& t, const FieldValue& v, bool ci) {
  switch (t.op) {
    case Op::kEq: return equals(v, t.operand, ci);
    case Op::kNe: return !equals(v, t.operand, ci);
    case Op::kIn:
      return std::any_of(t.list.begin(), t.list.end(),
                         [&](const Operand& o) { return equals(v, o, ci); });
    case Op::kNin:
      return std::none_of(t.list.begin(), t.list.end(),
                          [&](const Operand& o) { return equals(v, o, ci); });
    case Op::kGt:
    case Op::kLt:
    case Op::kGte:
    case Op::kLte: {
      if (!v.present || t.operand.type == Operand::Type::kNull) return false;
      const auto c = compare(v, t.operand, ci);
      if (!c) return false;
      if (t.op == Op::kGt) return *c > 0;
      if (t.op == Op::kLt) return *c < 0;
      if (t.op == Op::kGte) return *c >= 0;
      return *c <= 0;
    }
    case Op::kStartsWith:
    case Op::kEndsWith:
    case Op::kContains: {
      if (!v.present || v.is_number) return false;
      const std::string text = ci ? fold(std::string(v.text)) : std::string(v.text);
      const std::string& needle = t.operand.text;
      if (t.op == Op::kContains) return text.find(needle) != std::string::npos;
      if (needle.size() > text.size()) return false;
      if (t.op == Op::kStartsWith) return text.compare(0, needle.size(), needle) == 0;
      return text.compare(text.size() - needle.size(), needle.size(), needle) == 0;
    }
  }
  return false;
}

// Membership: a positive test holds when one group satisfies it; `$ne` and `$nin` hold when
// no group is the one named (MongoDB's rule for arrays). With no groups the field is absent.
bool test_groups(const Test& t, const QueryUser& user) {
  if (user.group_ids.empty()) return test_value(t, FieldValue{}, false);
  const auto one = [&](Test positive) {
    return std::any_of(user.group_ids.begin(), user.group_ids.end(), [&](std::string_view id) {
      return test_value(positive, text_value(id), false);
    });
  };
  if (t.op == Op::kNe) {
    Test eq = t;
    eq.op = Op::kEq;
    return !one(eq);
  }
  if (t.op == Op::kNin) {
    Test in = t;
    in.op = Op::kIn;
    return !one(in);
  }
  return one(t);
}

bool eval_field(const Node& n, const QueryUser& user) {
  FieldValue v;
  switch (n.field) {
    case Field::kId: v = text_value(user.id); break;
    case Field::kEmail: v = text_value(user.email); break;
    case Field::kFirstName: v = optional_text(user.first_name); break;
    case Field::kLastName: v = optional_text(user.last_name); break;
    case Field::kCreationDate: v = date_value(user.creation_date); break;
    case Field::kLastUpdated: v = date_value(user.last_updated); break;
    case Field::kPasswordLastUpdated: v = date_value(user.password_last_updated); break;
    case Field::kLastLogin:
      if (user.last_login) v = date_value(*user.last_login);
      break;
    case Field::kGroup:
      return std::all_of(n.tests.begin(), n.tests.end(),
                         [&](const Test& t) { return test_groups(t, user); });
  }
  return std::all_of(n.tests.begin(), n.tests.end(),
                     [&](const Test& t) { return test_value(t, v, n.ci); });
}

bool eval_tags(const Node& n, const QueryUser& user) {
  static const std::vector<std::pair<std::string, std::string>> kNoTags;
  const auto& tags = user.tags ? *user.tags : kNoTags;
  bool result = false;
  switch (n.tag_form) {
    case Node::TagForm::kNull: result = tags.empty(); break;
    case Node::TagForm::kKeyValue:
      result = std::any_of(tags.begin(), tags.end(), [&](const auto& tag) {
        return (!n.tag_key || n.tag_key->present(tag.first)) &&
               (!n.tag_value || n.tag_value->present(tag.second));
      });
      break;
    case Node::TagForm::kByKey:
      result = std::all_of(n.by_key.begin(), n.by_key.end(), [&](const auto& entry) {
        const auto it = std::find_if(tags.begin(), tags.end(),
                                     [&](const auto& tag) { return tag.first == entry.first; });
        return it == tags.end() ? entry.second.absent() : entry.second.present(it->second);
      });
      break;
  }
  return n.negate ? !result : result;
}

bool eval(const Node& n, const QueryUser& user) {
  const auto holds = [&](const Node& c) { return eval(c, user); };
  switch (n.type) {
    case Node::Type::kAll:
    case Node::Type::kAnd: return std::all_of(n.children.begin(), n.children.end(), holds);
    case Node::Type::kOr: return std::any_of(n.children.begin(), n.children.end(), holds);
    case Node::Type::kNor: return std::none_of(n.children.begin(), n.children.end(), holds);
    case Node::Type::kField: return eval_field(n, user);
    case Node::Type::kTags: return eval_tags(n, user);
  }
  return false;
}

}  // namespace

std::shared_ptr<const UserQueryFilter> UserQueryFilter::compile(std::string_view json,
                                                                std::string* error) {
  try {
    // Nesting is bounded before the recursive compile sees the document.
    int depth = 0;
    int deepest = 0;
    const auto limit = [&](int, Json::parse_event_t event, Json&) {
      if (event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start)
        deepest = std::max(deepest, ++depth);
      if (event == Json::parse_event_t::object_end || event == Json::parse_event_t::array_end)
        --depth;
      if (deepest > 2 * kMaxDepth + 8) throw Invalid{"query is nested too deeply"};
      return true;
    };
    const Json j = Json::parse(json.begin(), json.end(), limit);
    auto root = std::make_shared<const Node>(compile_query("query", j, 1));
    return std::make_shared<const UserQueryFilter>(std::move(root));
  } catch (const Invalid& e) {
    *error = e.message;
  } catch (const std::exception&) {
    *error = "query must be a JSON object";
  }
  return nullptr;
}

bool UserQueryFilter::matches(const QueryUser& user) const {
  return eval(*root_, user);
}

}  // namespace losant::emulator::detail
