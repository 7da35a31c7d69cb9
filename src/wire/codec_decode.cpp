// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Decoding of untrusted JSON: response bodies into models, and create bodies (JSON Lines
// records) for parse_experience_user_post.
//
// simdjson On-Demand reads the text once, straight into the model structs, with no DOM in
// between: about 560 MB/s on a 600 KB page of 1000 users, 6-7x faster than merely parsing it
// into a nlohmann DOM (bench/codec_bench.cpp).
// Each object's fields are visited once in document order and dispatched on the key; fields
// that are not read are skipped by the iterator. On-Demand validates what it reads, and the
// UTF-8 of the whole text in its first stage; the inside of a skipped unknown field is not fully
// validated (`"x":[1,]` passes), which is harmless because nothing of it is used. Skipping
// is iterative, so even a very deeply nested unknown field costs no stack.
//
// Only simdjson's error-code API is used, and every entry point also catches whatever could
// still be thrown (std::bad_alloc from a string): no exception leaves this file.

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <new>
#include <utility>

#include "losant/experience_users/json.hpp"
#include "wire/codec.hpp"

namespace losant::experience_users::internal {
namespace {

namespace od = simdjson::ondemand;

// ---------------------------------------------------------------------------------------------
// Error text helpers (error paths only)

// A short, printable rendering of untrusted text for an error message: at most `limit`
// characters, printable ASCII kept, whitespace runs folded into one space, any other byte
// (control characters, UTF-8 sequences, terminal escapes) shown as '?'.
std::string excerpt(std::string_view text, std::size_t limit) {
  std::string out;
  out.reserve(std::min(text.size(), limit) + 3);
  for (const char c : text) {
    if (out.size() >= limit) {
      out += "...";
      break;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (c > ' ' && c < 0x7f) {
      out += c;
    } else {
      out += '?';
    }
  }
  return out;
}

constexpr std::string_view kJsonWhitespace = " \t\r\n";
constexpr std::size_t kBodyExcerptLength = 80;   // of a body that is not JSON at all
constexpr std::size_t kValueExcerptLength = 40;  // of a bad value or an unknown key

std::string_view describe(od::json_type type) {
  switch (type) {
    case od::json_type::array: return "an array";
    case od::json_type::object: return "an object";
    case od::json_type::number: return "a number";
    case od::json_type::string: return "a string";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
  }
  return "an unknown value";
}

// ---------------------------------------------------------------------------------------------
// JSON paths

// The location of a value, rendered as `items[3].experienceGroups[0].id`. Each nesting level
// keeps its frame on the stack and points at its parent, so nothing is allocated unless an
// error message is actually built.
class Path {
 public:
  Path() = default;  // the document root

  Path key(std::string_view name) const noexcept { return Path(this, name, 0, false); }
  Path index(std::size_t i) const noexcept { return Path(this, {}, i, true); }

  bool is_root() const noexcept { return parent_ == nullptr; }

  std::string str() const {
    std::string out;
    append_to(out);
    return out;
  }

 private:
  Path(const Path* parent, std::string_view name, std::size_t i, bool is_index) noexcept
      : parent_(parent), key_(name), index_(i), is_index_(is_index) {}

  void append_to(std::string& out) const {
    if (is_root()) return;
    parent_->append_to(out);
    if (is_index_) {
      out += '[';
      out += std::to_string(index_);
      out += ']';
    } else {
      if (!out.empty()) out += '.';
      out += excerpt(key_, kValueExcerptLength);  // tag keys come from the data
    }
  }

  const Path* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

// ---------------------------------------------------------------------------------------------
// Key dispatch

template <typename Enum, std::size_t N>
using KeyTable = std::array<std::pair<std::string_view, Enum>, N>;

// Linear search: the tables are small and string_view equality compares lengths first, so a
// miss costs a few integer compares.
template <typename Enum, std::size_t N>
Enum lookup(const KeyTable<Enum, N>& table, std::string_view key, Enum unknown) noexcept {
  for (const auto& [name, value] : table) {
    if (name == key) return value;
  }
  return unknown;
}

enum class UserKey {
  kId,
  kExperienceUserId,
  kApplicationId,
  kCreationDate,
  kLastUpdated,
  kPasswordLastUpdated,
  kLastLogin,
  kEmail,
  kFirstName,
  kLastName,
  kAvatarUrl,
  kTokenCutoff,
  kUserTags,
  kExperienceGroups,
  kUnknown
};
// In the order the API sends them, which makes the linear search short on average.
constexpr KeyTable<UserKey, 14> kUserKeys = {{
    {"id", UserKey::kId},
    {"experienceUserId", UserKey::kExperienceUserId},
    {"applicationId", UserKey::kApplicationId},
    {"creationDate", UserKey::kCreationDate},
    {"lastUpdated", UserKey::kLastUpdated},
    {"passwordLastUpdated", UserKey::kPasswordLastUpdated},
    {"lastLogin", UserKey::kLastLogin},
    {"email", UserKey::kEmail},
    {"firstName", UserKey::kFirstName},
    {"lastName", UserKey::kLastName},
    {"avatarUrl", UserKey::kAvatarUrl},
    {"tokenCutoff", UserKey::kTokenCutoff},
    {"userTags", UserKey::kUserTags},
    {"experienceGroups", UserKey::kExperienceGroups},
}};

enum class GroupKey { kId, kName, kParentId, kUnknown };
constexpr KeyTable<GroupKey, 3> kGroupKeys = {
    {{"id", GroupKey::kId}, {"name", GroupKey::kName}, {"parentId", GroupKey::kParentId}}};

enum class PageKey {
  kItems,
  kCount,
  kTotalCount,
  kPerPage,
  kPage,
  kFilter,
  kFilterField,
  kSortField,
  kSortDirection,
  kApplicationId,
  kExperienceGroupId,
  kUnknown
};
constexpr KeyTable<PageKey, 11> kPageKeys = {{
    {"items", PageKey::kItems},
    {"count", PageKey::kCount},
    {"totalCount", PageKey::kTotalCount},
    {"perPage", PageKey::kPerPage},
    {"page", PageKey::kPage},
    {"filter", PageKey::kFilter},
    {"filterField", PageKey::kFilterField},
    {"sortField", PageKey::kSortField},
    {"sortDirection", PageKey::kSortDirection},
    {"applicationId", PageKey::kApplicationId},
    {"experienceGroupId", PageKey::kExperienceGroupId},
}};

enum class PostKey {
  kEmail,
  kPassword,
  kFirstName,
  kLastName,
  kTokenCutoff,
  kUserTags,
  kExperienceGroupIds,
  kUnknown
};
constexpr KeyTable<PostKey, 7> kPostKeys = {{
    {"email", PostKey::kEmail},
    {"password", PostKey::kPassword},
    {"firstName", PostKey::kFirstName},
    {"lastName", PostKey::kLastName},
    {"tokenCutoff", PostKey::kTokenCutoff},
    {"userTags", PostKey::kUserTags},
    {"experienceGroupIds", PostKey::kExperienceGroupIds},
}};

// ---------------------------------------------------------------------------------------------
// The decoder

// Reads values into models and records the first problem. Every reader returns false once a
// problem is recorded, and callers return at once, so a failure unwinds without exceptions.
//
// One decoder serves two purposes with different error shapes: response bodies (an untrusted
// server: kMalformedResponse, the path in the message) and create bodies given by the
// application (kInvalidArgument, the path in Error::field under `body`).
class Decoder {
 public:
  explicit Decoder(ErrorKind kind) noexcept : kind_(kind) {}

  Error take_error() { return std::move(error_); }

  // --- scalars

  // The string at `value`: a view into the parser's buffer, valid until the next document.
  bool get_string(od::value& value, const Path& path, std::string_view& text,
                  std::string_view expected = "a string") {
    if (const auto error = value.get_string().get(text))
      return fail_read(value, path, error, expected);
    return true;
  }

  bool read_string(od::value& value, const Path& path, std::string& out) {
    std::string_view text;
    if (!get_string(value, path, text)) return false;
    out.assign(text);
    return true;
  }

  bool read_string(od::value& value, const Path& path, std::optional<std::string>& out) {
    return read_string(value, path, out.emplace());
  }

  // A string or null (null leaves `out` empty). Only `experienceGroups[].parentId` is
  // documented to be null; elsewhere the API leaves a field out instead.
  bool read_nullable_string(od::value& value, const Path& path, std::optional<std::string>& out) {
    constexpr std::string_view kExpected = "a string or null";
    bool is_null = false;
    if (const auto error = value.is_null().get(is_null))
      return fail_read(value, path, error, kExpected);
    std::string_view text;
    if (is_null) {
      out.reset();
    } else if (get_string(value, path, text, kExpected)) {
      out.emplace(text);
    } else {
      return false;
    }
    return true;
  }

  bool read_int(od::value& value, const Path& path, std::optional<std::int64_t>& out) {
    std::int64_t number = 0;
    if (const auto error = value.get_int64().get(number))
      return fail_read(value, path, error, "an integer");
    out = number;
    return true;
  }

  bool read_bool(od::value& value, const Path& path, bool& out) {
    if (const auto error = value.get_bool().get(out))
      return fail_read(value, path, error, "a boolean");
    return true;
  }

  bool read_timestamp(od::value& value, const Path& path, std::optional<Timestamp>& out) {
    std::string_view text;
    if (!get_string(value, path, text, "a date-time string")) return false;
    out = parse_timestamp(text);
    if (!out) {
      return fail(path, "not a valid date-time (expected e.g. 2016-06-13T04:00:00.000Z): \"" +
                            excerpt(text, kValueExcerptLength) + "\"");
    }
    return true;
  }

  // --- containers

  // Calls `on_field(key, value)` for every field of the object at `value`, in document order.
  template <typename OnField>
  bool for_each_field(od::value& value, const Path& path, OnField&& on_field) {
    od::object object;
    if (const auto error = value.get_object().get(object))
      return fail_read(value, path, error, "an object");
    return for_each_field(object, path, on_field);
  }

  template <typename OnField>
  bool for_each_field(od::object& object, const Path& path, OnField&& on_field) {
    for (auto result : object) {
      od::field field;
      if (const auto error = std::move(result).get(field)) return fail_json(path, error);
      std::string_view key;
      if (const auto error = field.unescaped_key().get(key)) return fail_json(path, error);
      if (!on_field(key, field.value())) return false;
    }
    return true;
  }

  // Calls `on_element(index, value)` for every element of the array at `value`.
  // `on_start(count)` runs first with the number of elements, for reserving storage.
  template <typename OnStart, typename OnElement>
  bool for_each_element(od::value& value, const Path& path, OnStart&& on_start,
                        OnElement&& on_element) {
    od::array array;
    if (const auto error = value.get_array().get(array))
      return fail_read(value, path, error, "an array");
    // Counting walks the array's structure once more (values are not parsed); it is cheaper
    // than letting a vector of large structs grow and move its elements repeatedly.
    std::size_t count = 0;
    if (const auto error = array.count_elements().get(count)) return fail_json(path, error);
    on_start(count);
    std::size_t index = 0;
    for (auto result : array) {
      od::value element;
      if (const auto error = std::move(result).get(element))
        return fail_json(path.index(index), error);
      if (!on_element(index, element)) return false;
      ++index;
    }
    return true;
  }

  bool read_tags(od::value& value, const Path& path, std::optional<Tags>& out) {
    Tags& tags = out.emplace();
    return for_each_field(value, path, [&](std::string_view key, od::value& tag) {
      // A repeated key keeps its last value.
      return read_string(tag, path.key(key), tags[std::string(key)]);
    });
  }

  bool read_string_array(od::value& value, const Path& path,
                         std::optional<std::vector<std::string>>& out) {
    std::vector<std::string>& strings = out.emplace();
    return for_each_element(
        value, path, [&](std::size_t count) { strings.reserve(count); },
        [&](std::size_t index, od::value& element) {
          return read_string(element, path.index(index), strings.emplace_back());
        });
  }

  bool read_group(od::value& value, const Path& path, ExperienceGroup& group) {
    // id and name are not required: the schema does not require them, and one odd group should
    // not make a whole page unreadable.
    return for_each_field(value, path, [&](std::string_view key, od::value& field) {
      switch (lookup(kGroupKeys, key, GroupKey::kUnknown)) {
        case GroupKey::kId: return read_string(field, path.key(key), group.id);
        case GroupKey::kName: return read_string(field, path.key(key), group.name);
        case GroupKey::kParentId:
          return read_nullable_string(field, path.key(key), group.parent_id);
        case GroupKey::kUnknown: break;
      }
      return true;
    });
  }

  bool read_groups(od::value& value, const Path& path,
                   std::optional<std::vector<ExperienceGroup>>& out) {
    std::vector<ExperienceGroup>& groups = out.emplace();
    return for_each_element(
        value, path, [&](std::size_t count) { groups.reserve(count); },
        [&](std::size_t index, od::value& element) {
          return read_group(element, path.index(index), groups.emplace_back());
        });
  }

  // --- models

  bool read_user(od::value& value, const Path& path, ExperienceUser& user) {
    od::object object;
    if (const auto error = value.get_object().get(object))
      return fail_read(value, path, error, "an object");
    return read_user(object, path, user);
  }

  bool read_user(od::object& object, const Path& path, ExperienceUser& user) {
    bool has_id = false;
    bool has_email = false;
    const bool ok = for_each_field(object, path, [&](std::string_view key, od::value& field) {
      const Path at = path.key(key);
      switch (lookup(kUserKeys, key, UserKey::kUnknown)) {
        case UserKey::kId: has_id = true; return read_string(field, at, user.id);
        case UserKey::kExperienceUserId: return read_string(field, at, user.experience_user_id);
        case UserKey::kApplicationId: return read_string(field, at, user.application_id);
        case UserKey::kCreationDate: return read_timestamp(field, at, user.creation_date);
        case UserKey::kLastUpdated: return read_timestamp(field, at, user.last_updated);
        case UserKey::kPasswordLastUpdated:
          return read_timestamp(field, at, user.password_last_updated);
        case UserKey::kLastLogin: return read_timestamp(field, at, user.last_login);
        case UserKey::kEmail: has_email = true; return read_string(field, at, user.email);
        case UserKey::kFirstName: return read_string(field, at, user.first_name);
        case UserKey::kLastName: return read_string(field, at, user.last_name);
        case UserKey::kAvatarUrl: return read_string(field, at, user.avatar_url);
        case UserKey::kTokenCutoff: return read_timestamp(field, at, user.token_cutoff);
        case UserKey::kUserTags: return read_tags(field, at, user.user_tags);
        case UserKey::kExperienceGroups: return read_groups(field, at, user.experience_groups);
        case UserKey::kUnknown: break;
      }
      return true;
    });
    if (!ok) return false;
    if (!has_id) return fail(path.key("id"), "required field missing");
    if (!has_email) return fail(path.key("email"), "required field missing");
    return true;
  }

  bool read_users(od::object& root, ExperienceUsers& page) {
    const Path path;
    bool has_items = false;
    const bool ok = for_each_field(root, path, [&](std::string_view key, od::value& field) {
      const Path at = path.key(key);
      switch (lookup(kPageKeys, key, PageKey::kUnknown)) {
        case PageKey::kItems:
          has_items = true;
          page.items.clear();  // a repeated key replaces, it does not append
          return for_each_element(
              field, at, [&](std::size_t count) { page.items.reserve(count); },
              [&](std::size_t index, od::value& element) {
                return read_user(element, at.index(index), page.items.emplace_back());
              });
        case PageKey::kCount: return read_int(field, at, page.count);
        case PageKey::kTotalCount: return read_int(field, at, page.total_count);
        case PageKey::kPerPage: return read_int(field, at, page.per_page);
        case PageKey::kPage: return read_int(field, at, page.page);
        case PageKey::kFilter: return read_string(field, at, page.filter);
        case PageKey::kFilterField: return read_string(field, at, page.filter_field);
        case PageKey::kSortField: return read_string(field, at, page.sort_field);
        case PageKey::kSortDirection: return read_string(field, at, page.sort_direction);
        case PageKey::kApplicationId: return read_string(field, at, page.application_id);
        case PageKey::kExperienceGroupId: return read_string(field, at, page.experience_group_id);
        case PageKey::kUnknown: break;
      }
      return true;
    });
    if (!ok) return false;
    // Without `items` a listing would look like an empty last page and end silently.
    if (!has_items) return fail(path.key("items"), "required field missing");
    return true;
  }

  bool read_delete_result(od::object& root, DeleteResult& result) {
    const Path path;
    bool has_success = false;
    const bool ok = for_each_field(root, path, [&](std::string_view key, od::value& field) {
      if (key != "success") return true;
      has_success = true;
      return read_bool(field, path.key(key), result.success);
    });
    if (!ok) return false;
    if (!has_success) return fail(path.key("success"), "required field missing");
    return true;
  }

  // Strict: the schema forbids other properties, and a typo such as `firstname` must not be
  // dropped silently from an import.
  bool read_post(od::object& root, ExperienceUserPost& post) {
    const Path path;
    bool has_email = false;
    bool has_password = false;
    const bool ok = for_each_field(root, path, [&](std::string_view key, od::value& field) {
      const Path at = path.key(key);
      switch (lookup(kPostKeys, key, PostKey::kUnknown)) {
        case PostKey::kEmail: has_email = true; return read_string(field, at, post.email);
        case PostKey::kPassword: has_password = true; return read_string(field, at, post.password);
        case PostKey::kFirstName: return read_string(field, at, post.first_name);
        case PostKey::kLastName: return read_string(field, at, post.last_name);
        case PostKey::kTokenCutoff: return read_timestamp(field, at, post.token_cutoff);
        case PostKey::kUserTags: return read_tags(field, at, post.user_tags);
        case PostKey::kExperienceGroupIds:
          return read_string_array(field, at, post.experience_group_ids);
        case PostKey::kUnknown: break;
      }
      return fail(at, "unknown field (not allowed in a create body)");
    });
    if (!ok) return false;
    if (!has_email) return fail(path.key("email"), "required field missing");
    if (!has_password) return fail(path.key("password"), "required field missing");
    return true;
  }

  // --- failures

  // Records a problem at `path`. Always returns false, so callers can `return fail(...)`.
  bool fail(const Path& path, std::string_view problem) {
    if (kind_ == ErrorKind::kInvalidArgument) {
      error_ = make_error(std::string(problem));
      error_.field = "body";
      if (!path.is_root()) error_.field += "." + path.str();
    } else {
      error_ = make_error(path.is_root() ? std::string(problem)
                                         : path.str() + ": " + std::string(problem));
    }
    return false;
  }

  // A read of `expected` at `path` failed with `error`: a type mismatch, or text that is not
  // valid JSON at that point.
  bool fail_read(od::value& value, const Path& path, simdjson::error_code error,
                 std::string_view expected) {
    if (error == simdjson::INCORRECT_TYPE) {
      od::json_type actual{};
      std::string problem = "expected " + std::string(expected);
      if (value.type().get(actual) == simdjson::SUCCESS) {
        problem += ", got ";
        problem += describe(actual);
      }
      return fail(path, problem);
    }
    if (error == simdjson::NUMBER_OUT_OF_RANGE) {
      return fail(path, "expected " + std::string(expected) + ", got a number out of range");
    }
    return fail_json(path, error);
  }

  bool fail_json(const Path& path, simdjson::error_code error) {
    return fail(path, std::string("invalid JSON: ") + simdjson::error_message(error));
  }

  // The whole text is not a JSON object. An excerpt is shown only when the text does not even
  // start like JSON (an HTML error page from a proxy, plain text): that is when it helps, and a
  // create body (which holds a password) is never echoed.
  bool fail_not_json(std::string_view text, std::string_view reason) {
    std::string problem =
        std::string(subject()) + " is not valid JSON (" + std::string(reason) + ")";
    const auto first = text.find_first_not_of(kJsonWhitespace);
    if (kind_ == ErrorKind::kMalformedResponse && first != std::string_view::npos &&
        text[first] != '{' && text[first] != '[') {
      problem += "; it begins with \"" + excerpt(text.substr(first), kBodyExcerptLength) + "\"";
    }
    return fail(Path(), problem);
  }

  bool fail_empty() { return fail(Path(), std::string(subject()) + " is empty"); }

  bool fail_not_an_object(od::json_type actual) {
    return fail(Path(), std::string(subject()) + " is not a JSON object (got " +
                            std::string(describe(actual)) + ")");
  }

 private:
  std::string_view subject() const noexcept {
    return kind_ == ErrorKind::kInvalidArgument ? "the body" : "the response body";
  }

  Error make_error(std::string message) const {
    Error error;
    error.kind = kind_;
    error.message = std::move(message);
    return error;
  }

  ErrorKind kind_;
  Error error_;
};

// ---------------------------------------------------------------------------------------------
// Documents

// Per-thread parsing state, reused by every call on the thread: the parser's buffers
// (structural index, string buffer) and the padded copy are sized to the largest document
// seen, so decoding page after page allocates nothing here. A document far larger than usual
// would otherwise pin its memory for the life of the thread; after one the state is released.
struct ThreadState {
  od::parser parser;
  std::unique_ptr<char[]> padded;  // a copy of a body that came without room for padding
  std::size_t padded_capacity = 0;
};

constexpr std::size_t kRetainedCapacityLimit = std::size_t{16} * 1024 * 1024;

ThreadState& thread_state() {
  thread_local ThreadState state;
  return state;
}

// Releases the thread's buffers if the last document made them unusually large.
class OversizeRelease {
 public:
  explicit OversizeRelease(ThreadState& state) noexcept : state_(state) {}
  OversizeRelease(const OversizeRelease&) = delete;
  OversizeRelease& operator=(const OversizeRelease&) = delete;
  ~OversizeRelease() {
    if (state_.parser.capacity() > kRetainedCapacityLimit) state_.parser = od::parser();
    if (state_.padded_capacity > kRetainedCapacityLimit) {
      state_.padded.reset();
      state_.padded_capacity = 0;
    }
  }

 private:
  ThreadState& state_;
};

// simdjson reads up to SIMDJSON_PADDING bytes past the end of the text (whole SIMD blocks). A
// caller whose buffer has that much room (`capacity`) is parsed in place; otherwise the text is
// copied once into the thread's padded buffer.
simdjson::simdjson_result<od::document> iterate(ThreadState& state, std::string_view json,
                                                std::size_t capacity) {
  if (capacity >= json.size() && capacity - json.size() >= simdjson::SIMDJSON_PADDING) {
    return state.parser.iterate(json.data(), json.size(), capacity);
  }
  const std::size_t needed = json.size() + simdjson::SIMDJSON_PADDING;
  if (state.padded_capacity < needed) {
    state.padded.reset();  // free the old buffer before allocating the new one
    state.padded_capacity = 0;
    state.padded = std::make_unique<char[]>(needed);
    state.padded_capacity = needed;
  }
  if (!json.empty()) std::memcpy(state.padded.get(), json.data(), json.size());
  std::memset(state.padded.get() + json.size(), 0, simdjson::SIMDJSON_PADDING);
  return state.parser.iterate(state.padded.get(), json.size(), state.padded_capacity);
}

// Parses `json` as exactly one JSON object and passes the root to `read_root(od::object&)`.
// Returns false with the problem recorded in `decoder`. Catches everything.
template <typename ReadRoot>
bool decode_document(std::string_view json, std::size_t capacity, Decoder& decoder,
                     ReadRoot&& read_root) {
  try {
    if (json.find_first_not_of(kJsonWhitespace) == std::string_view::npos) {
      return decoder.fail_empty();
    }
    ThreadState& state = thread_state();
    const OversizeRelease release(state);
    od::document doc;
    if (const auto error = iterate(state, json, capacity).get(doc)) {
      return decoder.fail_not_json(json, simdjson::error_message(error));
    }
    od::object root;
    if (const auto error = doc.get_object().get(root)) {
      od::json_type actual{};
      if (error == simdjson::INCORRECT_TYPE && doc.type().get(actual) == simdjson::SUCCESS) {
        return decoder.fail_not_an_object(actual);
      }
      return decoder.fail_not_json(json, simdjson::error_message(error));
    }
    if (!read_root(root)) return false;
    // The root object has been read to its end; anything left over (a stray bracket, a second
    // document) means the text is not one JSON value.
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) {
      return decoder.fail_not_json(json, "unexpected content after the top-level object");
    }
    return true;
  } catch (const std::bad_alloc&) {
    return decoder.fail(Path(), "out of memory");
  } catch (...) {
    return decoder.fail(Path(), "unexpected failure while decoding JSON");
  }
}

// Decodes one model `T` with `read(decoder, root, model)`.
template <typename T, typename Read>
Result<T> decode(std::string_view json, std::size_t capacity, ErrorKind kind, Read&& read) {
  Decoder decoder(kind);
  T model{};
  const bool ok = decode_document(json, capacity, decoder,
                                  [&](od::object& root) { return read(decoder, root, model); });
  if (!ok) return decoder.take_error();
  return model;
}

Result<ExperienceUserPost> decode_post(std::string_view json) {
  return decode<ExperienceUserPost>(
      json, 0, ErrorKind::kInvalidArgument,
      [](Decoder& decoder, od::object& root, ExperienceUserPost& post) {
        return decoder.read_post(root, post);
      });
}

}  // namespace

Result<ExperienceUser> decode_user(std::string_view json, std::size_t capacity) {
  return decode<ExperienceUser>(json, capacity, ErrorKind::kMalformedResponse,
                                [](Decoder& decoder, od::object& root, ExperienceUser& user) {
                                  return decoder.read_user(root, Path(), user);
                                });
}

Result<ExperienceUsers> decode_users(std::string_view json, std::size_t capacity) {
  return decode<ExperienceUsers>(json, capacity, ErrorKind::kMalformedResponse,
                                 [](Decoder& decoder, od::object& root, ExperienceUsers& page) {
                                   return decoder.read_users(root, page);
                                 });
}

Result<DeleteResult> decode_delete_result(std::string_view json, std::size_t capacity) {
  return decode<DeleteResult>(json, capacity, ErrorKind::kMalformedResponse,
                              [](Decoder& decoder, od::object& root, DeleteResult& result) {
                                return decoder.read_delete_result(root, result);
                              });
}

std::optional<ApiErrorBody> decode_error_body(std::string_view json) {
  // Lenient: an error body only adds detail to an HTTP status the caller already has, so a
  // field of another type is ignored rather than failing the whole body.
  Decoder decoder(ErrorKind::kMalformedResponse);
  ApiErrorBody body;
  bool found = false;
  const bool ok = decode_document(json, 0, decoder, [&](od::object& root) {
    return decoder.for_each_field(root, Path(), [&](std::string_view key, od::value& value) {
      std::string* target = key == "type" ? &body.type : key == "message" ? &body.message : nullptr;
      if (target == nullptr) return true;
      std::string_view text;
      const auto error = value.get_string().get(text);
      if (error == simdjson::INCORRECT_TYPE) return true;
      if (error) return false;
      target->assign(text);
      found = true;
      return true;
    });
  });
  if (!ok || !found) return std::nullopt;
  return body;
}

}  // namespace losant::experience_users::internal

namespace losant::experience_users {

Result<ExperienceUser> parse_experience_user(std::string_view json) {
  return internal::decode_user(json);
}

Result<ExperienceUsers> parse_experience_users(std::string_view json) {
  return internal::decode_users(json);
}

Result<ExperienceUserPost> parse_experience_user_post(std::string_view json) {
  return internal::decode_post(json);
}

}  // namespace losant::experience_users
