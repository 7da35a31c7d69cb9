// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The emulator's evaluation of the advanced query, over HTTP through the SDK: hand-picked cases
// per semantic rule, then many generated queries over seeded users compared with a
// straightforward reference evaluation written here (fixed seed, bounded loops).
#include <httplib.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "integration/emulator_fixture.hpp"

namespace losant::experience_users {
namespace {

using F = QueryField;
using Op = QueryOperator;

constexpr std::size_t kUsers = 300;

class QueryEvalTest : public testing::EmulatorTest {
 protected:
  QueryEvalTest() : EmulatorTest(kUsers) {}

  void SetUp() override {
    EmulatorTest::SetUp();
    ListQuery all;
    all.per_page = 1000;
    auto page = client().list(app(), all);
    ASSERT_TRUE(page.ok()) << page.error().to_string();
    users_ = page->items;
    ASSERT_EQ(users_.size(), kUsers);
  }

  // The ids the emulator returns for @p q (all on one page), in its order.
  std::vector<std::string> served(const UserQuery& q, ListQuery list = {}) {
    list.query = q;
    if (!list.per_page) list.per_page = 1000;
    auto page = client().list(app(), list);
    EXPECT_TRUE(page.ok()) << to_json(q) << ": " << (page.ok() ? "" : page.error().to_string());
    std::vector<std::string> ids;
    if (!page.ok()) return ids;
    for (const auto& u : page->items) ids.push_back(u.id);
    return ids;
  }
  std::set<std::string> served_set(const UserQuery& q) {
    const auto ids = served(q);
    return {ids.begin(), ids.end()};
  }

  std::vector<ExperienceUser> users_;
};

// ---- the reference evaluation -----------------------------------------------------------

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool is_date(F f) {
  return f == F::kCreationDate || f == F::kLastUpdated || f == F::kPasswordLastUpdated ||
         f == F::kLastLogin;
}

// A field's value or an operand: absent/null, text, or a number (dates: milliseconds).
struct Val {
  enum { kNone, kText, kNum, kBool } t = kNone;
  std::string s;
  double n = 0;
};

Val text(std::string s) {
  return Val{Val::kText, std::move(s), 0};
}
Val num(double n) {
  return Val{Val::kNum, {}, n};
}
Val date(const std::optional<Timestamp>& t) {
  return t ? num(static_cast<double>(t->time_since_epoch().count())) : Val{};
}

Val user_value(const ExperienceUser& u, F f) {
  switch (f) {
    case F::kId: return text(lower(u.id));
    case F::kEmail: return text(u.email);
    case F::kFirstName: return u.first_name ? text(*u.first_name) : Val{};
    case F::kLastName: return u.last_name ? text(*u.last_name) : Val{};
    case F::kCreationDate: return date(u.creation_date);
    case F::kLastUpdated: return date(u.last_updated);
    case F::kPasswordLastUpdated: return date(u.password_last_updated);
    case F::kLastLogin: return date(u.last_login);
    case F::kExperienceGroupId: return Val{};
  }
  return Val{};
}

Val operand(F f, const QueryValue& v) {
  switch (v.kind()) {
    case QueryValue::Kind::kNull: return Val{};
    case QueryValue::Kind::kBoolean: return Val{Val::kBool, {}, 0};
    case QueryValue::Kind::kNumber: return num(v.as_number());
    case QueryValue::Kind::kTimestamp: return date(v.as_timestamp());
    case QueryValue::Kind::kString:
      if (is_date(f)) return date(parse_timestamp(v.as_string()));
      if (f == F::kId || f == F::kExperienceGroupId) return text(lower(v.as_string()));
      return text(v.as_string());
  }
  return Val{};
}

// Three-way comparison of two values of the same type; nullopt when the types differ.
std::optional<int> cmp(const Val& a, const Val& b, bool ci) {
  if (a.t != b.t || a.t == Val::kNone || a.t == Val::kBool) return std::nullopt;
  if (a.t == Val::kNum) return a.n < b.n ? -1 : (a.n > b.n ? 1 : 0);
  const std::string x = ci ? lower(a.s) : a.s;
  const std::string y = ci ? lower(b.s) : b.s;
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool eq(const Val& field, const Val& o, bool ci) {
  if (o.t == Val::kNone) return field.t == Val::kNone;
  const auto c = cmp(field, o, ci);
  return c && *c == 0;
}

bool op_holds(const Val& field, const FieldOperation& o, F f, bool ci) {
  const Val v = operand(f, o.value);
  std::vector<Val> list;
  for (const auto& x : o.values) list.push_back(operand(f, x));
  const auto in = [&] {
    for (const Val& x : list) {
      if (eq(field, x, ci)) return true;
    }
    return false;
  };
  switch (o.op) {
    case Op::kEq: return eq(field, v, ci);
    case Op::kNe: return !eq(field, v, ci);
    case Op::kIn: return in();
    case Op::kNin: return !in();
    case Op::kGt: return cmp(field, v, ci).value_or(0) > 0 && cmp(field, v, ci).has_value();
    case Op::kGte: {
      const auto c = cmp(field, v, ci);
      return c && *c >= 0;
    }
    case Op::kLt: {
      const auto c = cmp(field, v, ci);
      return c && *c < 0;
    }
    case Op::kLte: {
      const auto c = cmp(field, v, ci);
      return c && *c <= 0;
    }
    case Op::kStartsWith:
    case Op::kEndsWith:
    case Op::kContains: {
      if (field.t != Val::kText) return false;
      const std::string hay = ci ? lower(field.s) : field.s;
      const std::string needle = ci ? lower(o.value.as_string()) : o.value.as_string();
      if (o.op == Op::kContains) return hay.find(needle) != std::string::npos;
      if (hay.size() < needle.size()) return false;
      if (o.op == Op::kStartsWith) return hay.substr(0, needle.size()) == needle;
      return hay.substr(hay.size() - needle.size()) == needle;
    }
  }
  return false;
}

bool field_holds(const ExperienceUser& u, const FieldCondition& c) {
  std::vector<FieldOperation> ops = c.operations;
  if (c.equals) ops.push_back(FieldOperation{Op::kEq, *c.equals, {}});
  const bool ci = c.case_insensitive.value_or(false);
  for (const FieldOperation& o : ops) {
    bool ok = false;
    if (c.field == F::kExperienceGroupId) {
      // Membership: "some group satisfies it", but $ne/$nin mean "no group is it".
      std::vector<Val> groups;
      for (const auto& g : u.experience_groups.value_or(std::vector<ExperienceGroup>{})) {
        if (g.id) groups.push_back(text(lower(*g.id)));
      }
      FieldOperation positive = o;
      const bool negated = o.op == Op::kNe || o.op == Op::kNin;
      if (o.op == Op::kNe) positive.op = Op::kEq;
      if (o.op == Op::kNin) positive.op = Op::kIn;
      bool any = groups.empty() && op_holds(Val{}, positive, c.field, false);
      for (const Val& g : groups) any = any || op_holds(g, positive, c.field, false);
      ok = negated ? !any : any;
    } else {
      ok = op_holds(user_value(u, c.field), o, c.field, ci);
    }
    if (!ok) return false;
  }
  return true;
}

bool tag_match(const TagMatch& m, const std::optional<std::string>& s) {
  const auto listed = [&] {
    return s && std::find(m.values.begin(), m.values.end(), *s) != m.values.end();
  };
  switch (m.kind) {
    case TagMatch::Kind::kEquals: return s && *s == m.text;
    case TagMatch::Kind::kNull: return !s;
    case TagMatch::Kind::kIn: return listed();
    case TagMatch::Kind::kNotIn: return !listed();
  }
  return false;
}

bool tags_hold(const ExperienceUser& u, const TagsCondition& t) {
  const Tags tags = u.user_tags.value_or(Tags{});
  bool r = false;
  if (t.form == TagsCondition::Form::kNull) {
    r = tags.empty();
  } else if (t.form == TagsCondition::Form::kKeyValue) {
    for (const auto& [k, v] : tags) {
      if ((!t.tag_key || tag_match(*t.tag_key, k)) && (!t.tag_value || tag_match(*t.tag_value, v)))
        r = true;
    }
  } else {
    r = true;
    for (const auto& [key, m] : t.by_key) {
      const auto it = tags.find(key);
      r = r &&
          tag_match(m, it == tags.end() ? std::nullopt : std::optional<std::string>(it->second));
    }
  }
  return t.wrap == TagsCondition::Wrap::kNe ? !r : r;
}

bool holds(const ExperienceUser& u, const UserQuery& q) {
  for (const QueryTerm& term : q.terms) {
    bool ok = true;
    if (const auto* l = std::get_if<LogicalCondition>(&term)) {
      std::size_t n = 0;
      for (const UserQuery& sub : l->queries) n += holds(u, sub) ? 1 : 0;
      ok = l->op == LogicalOperator::kAnd  ? n == l->queries.size()
           : l->op == LogicalOperator::kOr ? n > 0
                                           : n == 0;
    } else if (const auto* f = std::get_if<FieldCondition>(&term)) {
      ok = field_holds(u, *f);
    } else {
      ok = tags_hold(u, std::get<TagsCondition>(term));
    }
    if (!ok) return false;
  }
  return true;
}

std::set<std::string> expected(const std::vector<ExperienceUser>& users, const UserQuery& q) {
  std::set<std::string> ids;
  for (const auto& u : users) {
    if (holds(u, q)) ids.insert(u.id);
  }
  return ids;
}

// ---- hand-picked cases ------------------------------------------------------------------

std::size_t count_if_users(const std::vector<ExperienceUser>& users,
                           bool (*pred)(const ExperienceUser&)) {
  return static_cast<std::size_t>(std::count_if(users.begin(), users.end(), pred));
}

TEST_F(QueryEvalTest, NullMatchesAbsentAndNeMatchesAbsent) {
  const auto no_first =
      count_if_users(users_, [](const ExperienceUser& u) { return !u.first_name.has_value(); });
  ASSERT_GT(no_first, 0u);
  ASSERT_LT(no_first, kUsers);
  EXPECT_EQ(served(UserQuery::equals(F::kFirstName, nullptr)).size(), no_first);
  EXPECT_EQ(served(UserQuery::where(F::kFirstName, Op::kNe, nullptr)).size(), kUsers - no_first);
  const std::string name = *std::find_if(users_.begin(), users_.end(), [](const auto& u) {
                              return u.first_name.has_value();
                            })->first_name;
  const auto named = served_set(UserQuery::equals(F::kFirstName, name));
  const auto not_named = served_set(UserQuery::where(F::kFirstName, Op::kNe, name));
  EXPECT_EQ(named.size() + not_named.size(), kUsers);  // $ne includes users without firstName
  EXPECT_EQ(served(UserQuery::where(F::kFirstName, Op::kNin, std::vector<QueryValue>{name})).size(),
            not_named.size());
}

TEST_F(QueryEvalTest, ComparisonsNeverMatchAbsentAndDatesCompareAsInstants) {
  const auto never =
      count_if_users(users_, [](const ExperienceUser& u) { return !u.last_login.has_value(); });
  ASSERT_GT(never, 0u);
  const auto far = *parse_timestamp("9999-01-01T00:00:00Z");
  EXPECT_EQ(served(UserQuery::where(F::kLastLogin, Op::kLt, far)).size(), kUsers - never);
  const Timestamp t = *users_[7].creation_date;
  const auto by_text =
      served_set(UserQuery::where(F::kCreationDate, Op::kLte, format_timestamp(t)));
  const auto by_number =
      served_set(UserQuery::where(F::kCreationDate, Op::kLte, t.time_since_epoch().count()));
  // The same instant written with an offset: 2 hours later on the clock, +02:00.
  const std::string shifted = format_timestamp(t + std::chrono::hours(2));
  const std::string with_offset = shifted.substr(0, shifted.size() - 1) + "+02:00";
  const auto by_offset = served_set(UserQuery::where(F::kCreationDate, Op::kLte, with_offset));
  EXPECT_TRUE(by_text.count(users_[7].id));
  EXPECT_EQ(by_text, by_number);
  EXPECT_EQ(by_text, by_offset);
  EXPECT_EQ(by_text, expected(users_, UserQuery::where(F::kCreationDate, Op::kLte, t)));
}

TEST_F(QueryEvalTest, TextIsCaseSensitiveUnlessCi) {
  const std::string upper = [&] {
    std::string s = users_[3].email;
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }();
  EXPECT_TRUE(served(UserQuery::equals(F::kEmail, upper)).empty());
  EXPECT_EQ(served(UserQuery::where(F::kEmail, Op::kEq, upper, true)),
            std::vector<std::string>{users_[3].id});
  EXPECT_TRUE(served(UserQuery::where(F::kEmail, Op::kEndsWith, "@EXAMPLE.COM")).empty());
  EXPECT_EQ(served(UserQuery::where(F::kEmail, Op::kEndsWith, "@EXAMPLE.COM", true)).size(),
            kUsers);
}

TEST_F(QueryEvalTest, IdsCompareAsHexAndGroupsMeanMembership) {
  std::string id = users_[5].id;
  for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(served(UserQuery::equals(F::kId, id)), std::vector<std::string>{users_[5].id});
  EXPECT_EQ(served_set(UserQuery::where(F::kId, Op::kGt, id)),
            expected(users_, UserQuery::where(F::kId, Op::kGt, id)));
  const auto groups = emulator_->groups();
  ASSERT_GE(groups.size(), 2u);
  std::set<std::string> members;
  for (const auto& u : users_) {
    for (const auto& g : u.experience_groups.value_or(std::vector<ExperienceGroup>{})) {
      if (g.id == groups[1].id) members.insert(u.id);
    }
  }
  ASSERT_FALSE(members.empty());
  EXPECT_EQ(served_set(UserQuery::equals(F::kExperienceGroupId, groups[1].id)), members);
  EXPECT_EQ(served_set(UserQuery::where(F::kExperienceGroupId, Op::kNe, groups[1].id)).size(),
            kUsers - members.size());
  const auto in_none = count_if_users(users_, [](const ExperienceUser& u) {
    return !u.experience_groups || u.experience_groups->empty();
  });
  EXPECT_EQ(served(UserQuery::equals(F::kExperienceGroupId, nullptr)).size(), in_none);
}

TEST_F(QueryEvalTest, QueryCombinesWithSortAndPaging) {
  const UserQuery q = UserQuery::where(F::kLastLogin, Op::kNe, nullptr);
  ListQuery sorted;
  sorted.sort_field = SortField::kFirstName;
  sorted.sort_direction = SortDirection::kDesc;
  const auto all = served(q, sorted);
  ASSERT_GT(all.size(), 30u);
  sorted.per_page = 10;
  sorted.page = 2;
  const auto page = served(q, sorted);
  EXPECT_EQ(page, std::vector<std::string>(all.begin() + 20, all.begin() + 30));
}

TEST_F(QueryEvalTest, QueryOverridesTheOtherFiltersAndInvalidQueriesAre400) {
  httplib::Client http(emulator_->base_url());
  const httplib::Headers auth{{"Authorization", "Bearer " + emulator_->token()}};
  const std::string path = "/applications/" + app() + "/experience/users";
  const std::string q =
      httplib::detail::encode_query_param(to_json(UserQuery::equals(F::kEmail, users_[0].email)));
  auto r =
      http.Get(path + "?filterField=email&filter=nobody*&experienceGroupId=none&query=" + q, auth);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find(users_[0].id), std::string::npos);
  EXPECT_NE(r->body.find("\"totalCount\":1"), std::string::npos) << r->body;
  for (const char* bad : {R"({"emial":"a"})", R"({"id":{"$gt":"x"}})", R"({"$and":[]})",
                          R"({"email":{"$startsWith":""}})", R"({"userTags":{"a.b":"c"}})", "[",
                          R"({"lastLogin":"soon"})"}) {
    auto e = http.Get(path + "?query=" + httplib::detail::encode_query_param(bad), auth);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->status, 400) << bad;
    EXPECT_NE(e->body.find("Validation"), std::string::npos) << bad << " " << e->body;
  }
}

// ---- generated queries ------------------------------------------------------------------

class Generator {
 public:
  Generator(const std::vector<ExperienceUser>& users, const std::vector<std::string>& group_ids)
      : group_ids_(group_ids) {
    for (const auto& u : users) {
      ids_.push_back(u.id);
      texts_.push_back(u.email);
      if (u.first_name) texts_.push_back(*u.first_name);
      if (u.last_name) texts_.push_back(*u.last_name);
      for (const auto* t : {&u.creation_date, &u.last_login, &u.last_updated}) {
        if (*t) dates_.push_back(**t);
      }
      for (const auto& [k, v] : u.user_tags.value_or(Tags{})) {
        tag_keys_.insert(k);
        tag_values_.insert(v);
      }
    }
    tag_keys_.insert("absent-key");
    tag_values_.insert("absent-value");
  }

  UserQuery query(int depth) {
    UserQuery q;
    std::set<std::size_t> used;  // one term per key
    const int terms = 1 + below(2);
    for (int i = 0; i < terms; ++i) {
      const int kind = below(10);
      if (kind < 2 && depth < 3) {
        const auto op = static_cast<LogicalOperator>(below(3));
        if (!used.insert(100 + static_cast<std::size_t>(op)).second) continue;
        LogicalCondition l{op, {}};
        const int n = 1 + below(3);
        for (int k = 0; k < n; ++k) l.queries.push_back(query(depth + 1));
        q.add(std::move(l));
      } else if (kind < 3) {
        if (!used.insert(200).second) continue;
        q.add(tags());
      } else {
        const auto field = static_cast<F>(below(9));
        if (!used.insert(static_cast<std::size_t>(field)).second) continue;
        q.add(condition(field));
      }
    }
    return q;
  }

 private:
  int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))];
  }

  static bool is_ascii(const std::string& s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  }
  static std::string mangle_case(std::string s, int how) {
    if (how == 1) {
      for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return s;
  }

  QueryValue value(F f, bool allow_null) {
    if (allow_null && below(8) == 0) return QueryValue();
    if (f == F::kId) return mangle_case(pick(ids_), below(3));
    if (f == F::kExperienceGroupId) return mangle_case(pick(group_ids_), below(3));
    if (is_date(f)) {
      const Timestamp t = pick(dates_) + std::chrono::milliseconds(below(3) - 1);
      switch (below(4)) {
        case 0: return t;
        case 1: return format_timestamp(t);
        case 2: return static_cast<double>(t.time_since_epoch().count());
        default: return below(2) == 0;  // a boolean never matches a date
      }
    }
    switch (below(10)) {
      case 0: return below(100);  // a number never equals text
      case 1: return true;
      default: return mangle_case(pick(texts_), below(4));
    }
  }

  std::string needle() {
    // Cut on byte positions, so only from ASCII texts (a cut UTF-8 sequence is refused).
    std::string s = pick(texts_);
    for (int tries = 0; tries < 100 && !is_ascii(s); ++tries) s = pick(texts_);
    if (!is_ascii(s)) s = "example";
    const auto from = static_cast<std::size_t>(below(static_cast<int>(s.size())));
    const auto len = 1 + static_cast<std::size_t>(below(static_cast<int>(s.size() - from)));
    return mangle_case(s.substr(from, len), below(4));
  }

  FieldCondition condition(F f) {
    FieldCondition c;
    c.field = f;
    const bool ids = f == F::kId || f == F::kExperienceGroupId;
    if (below(4) == 0) {
      c.equals = value(f, true);
      return c;
    }
    const int ops = ids ? 1 : 1 + below(2);
    std::set<Op> seen;
    for (int i = 0; i < ops; ++i) {
      const auto op = static_cast<Op>(below(ids ? 8 : 11));
      if (!seen.insert(op).second) continue;
      if (op == Op::kIn || op == Op::kNin) {
        std::vector<QueryValue> list;
        const int n = 1 + below(4);
        for (int k = 0; k < n; ++k) list.push_back(value(f, false));
        c.with(op, std::move(list));
      } else if (op == Op::kStartsWith || op == Op::kEndsWith || op == Op::kContains) {
        c.with(op, needle());
      } else {
        c.with(op, value(f, true));
      }
    }
    if (!ids && below(3) == 0) c.ci(below(4) != 0);
    return c;
  }

  TagMatch tag_match(const std::set<std::string>& pool) {
    std::vector<std::string> v(pool.begin(), pool.end());
    switch (below(6)) {
      case 0: return TagMatch::null();
      case 1: return TagMatch::in({pick(v), pick(v)});
      case 2: return TagMatch::not_in({pick(v)});
      default: return TagMatch::equals(pick(v));
    }
  }

  TagsCondition tags() {
    TagsCondition t;
    t.wrap = static_cast<TagsCondition::Wrap>(below(3));
    switch (below(5)) {
      case 0: t.form = TagsCondition::Form::kNull; break;
      case 1:
      case 2:
        t.form = TagsCondition::Form::kKeyValue;
        if (below(3) != 0) t.tag_key = tag_match(tag_keys_);
        if (!t.tag_key || below(2) == 0) t.tag_value = tag_match(tag_values_);
        break;
      default: {
        t.form = TagsCondition::Form::kByKey;
        std::vector<std::string> keys(tag_keys_.begin(), tag_keys_.end());
        std::shuffle(keys.begin(), keys.end(), rng_);
        const int n = 1 + below(2);
        for (int i = 0; i < n && i < static_cast<int>(keys.size()); ++i) {
          t.by_key.emplace_back(keys[static_cast<std::size_t>(i)], tag_match(tag_values_));
        }
      }
    }
    return t;
  }

  std::mt19937 rng_{20261202};
  std::vector<std::string> ids_;
  std::vector<std::string> group_ids_;
  std::vector<std::string> texts_;
  std::vector<Timestamp> dates_;
  std::set<std::string> tag_keys_;
  std::set<std::string> tag_values_;
};

TEST_F(QueryEvalTest, GeneratedQueriesMatchTheReferenceEvaluation) {
  std::vector<std::string> group_ids;
  for (const auto& g : emulator_->groups()) group_ids.push_back(g.id);
  Generator generate(users_, group_ids);
  constexpr int kQueries = 600;
  std::size_t nonempty = 0;
  std::size_t partial = 0;
  for (int i = 0; i < kQueries; ++i) {
    const UserQuery q = generate.query(0);
    ASSERT_FALSE(validate(q)) << to_json(q) << ": " << validate(q)->to_string();
    const auto want = expected(users_, q);
    const auto got = served_set(q);
    ASSERT_EQ(got, want) << "query " << i << ": " << to_json(q);
    nonempty += want.empty() ? 0 : 1;
    partial += (!want.empty() && want.size() < kUsers) ? 1 : 0;
  }
  // The generated queries must discriminate: many select some users but not all.
  EXPECT_GT(partial, kQueries / 4u);
  EXPECT_GT(nonempty, kQueries / 3u);
}

}  // namespace
}  // namespace losant::experience_users
