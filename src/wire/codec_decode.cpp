// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Decoding of untrusted JSON into the models: response bodies, and create bodies (JSON Lines
// records) for parse_experience_user_post, update bodies for parse_experience_user_patch. The
// models' field tables (wire/schema.hpp) drive the generic reader (wire/json_reader.hpp): each
// object's fields are visited once in document order and dispatched on the key; unknown keys are
// skipped (or refused, for a strict schema).

#include <array>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "losant/experience_users/json.hpp"
#include "wire/codec.hpp"
#include "wire/json_reader.hpp"
#include "wire/schema.hpp"

namespace losant::experience_users::internal {
namespace {

// Reads any model with a field table, and every member type the tables use.
class ModelReader {
 public:
  explicit ModelReader(JsonReader& reader) noexcept : r_(reader) {}

  template <typename Model>
  bool read_model(od::value& value, const JsonPath& path, Model& model) {
    od::object object;
    if (const auto error = value.get_object().get(object))
      return r_.fail_read(value, path, error, "an object");
    return read_model(object, path, model);
  }

  // The fields are matched against the model's table by the name the table predicts: the API
  // sends them in the table's order, so the key is first compared, raw and without unescaping,
  // with the name of the field after the last one matched (one memcmp). Only a key that is not
  // the predicted one is unescaped and searched for in the whole table.
  template <typename Model>
  bool read_model(od::object& object, const JsonPath& path, Model& model) {
    constexpr std::size_t kCount = std::tuple_size_v<decltype(Schema<Model>::kFields)>;
    constexpr std::array<std::string_view, kCount> kNames = field_names<Model>();
    std::array<bool, kCount> seen{};
    std::size_t next = 0;  // the field expected next
    for (auto result : object) {
      od::field field;
      if (const auto error = std::move(result).get(field)) return r_.fail_json(path, error);
      std::size_t index = next;
      // A raw key equal to a name (which has no `"` or `\`) followed by the closing quote is
      // that name once unescaped.
      if (next == kCount || !field.key().unsafe_is_equal(kNames[next])) {
        std::string_view key;
        if (const auto error = field.unescaped_key().get(key)) return r_.fail_json(path, error);
        index = 0;
        while (index < kCount && kNames[index] != key) ++index;
        if (index == kCount) {
          if (Schema<Model>::kStrict) {
            return r_.fail(path.key(key), "unknown field (not allowed in a request body)");
          }
          continue;  // unknown: skipped by the iterator
        }
      }
      seen[index] = true;
      next = index + 1;
      if (!read_field(field.value(), path.key(kNames[index]), model, index,
                      std::make_index_sequence<kCount>{})) {
        return false;
      }
    }
    // A required field that never came: the first in table order is reported.
    bool complete = true;
    std::size_t i = 0;
    for_each_field<Model>([&](const auto& field) {
      if (complete && field.presence == Presence::kRequired && !seen[i]) {
        complete = r_.fail(path.key(field.name), "required field missing");
      }
      ++i;
    });
    return complete;
  }

 private:
  template <typename Model>
  static constexpr auto field_names() {
    constexpr std::size_t kCount = std::tuple_size_v<decltype(Schema<Model>::kFields)>;
    std::array<std::string_view, kCount> names{};
    std::size_t i = 0;
    for_each_field<Model>([&](const auto& field) { names[i++] = field.name; });
    return names;
  }

  // Reads the value of the table's field number `index` (a switch the compiler builds from
  // the fold; each read is inlined for its member's type).
  template <typename Model, std::size_t... I>
  bool read_field(od::value& value, const JsonPath& path, Model& model, std::size_t index,
                  std::index_sequence<I...>) {
    bool ok = true;
    const auto read_one = [&](const auto& field) {
      ok = read(value, path, model.*field.member, field.presence);
      return true;
    };
    static_cast<void>(((index == I && read_one(std::get<I>(Schema<Model>::kFields))) || ...));
    return ok;
  }

  // --- member types

  bool read(od::value& v, const JsonPath& p, std::string& out, Presence) {
    return r_.read_string(v, p, out);
  }
  bool read(od::value& v, const JsonPath& p, std::optional<std::string>& out, Presence presence) {
    return presence == Presence::kNullable ? r_.read_nullable_string(v, p, out)
                                           : r_.read_optional_string(v, p, out);
  }
  bool read(od::value& v, const JsonPath& p, std::optional<std::int64_t>& out, Presence) {
    return r_.read_int(v, p, out);
  }
  bool read(od::value& v, const JsonPath& p, bool& out, Presence) {
    return r_.read_bool(v, p, out);
  }
  bool read(od::value& v, const JsonPath& p, std::optional<Timestamp>& out, Presence) {
    return r_.read_timestamp(v, p, out);
  }
  bool read(od::value& v, const JsonPath& p, std::optional<Tags>& out, Presence) {
    return r_.read_tags(v, p, out);
  }
  bool read(od::value& v, const JsonPath& p, std::optional<std::vector<std::string>>& out,
            Presence) {
    return r_.read_string_array(v, p, out);
  }
  template <typename Model>
  bool read(od::value& v, const JsonPath& p, std::optional<std::vector<Model>>& out, Presence) {
    return read_models(v, p, out.emplace());
  }
  template <typename Model>
  bool read(od::value& v, const JsonPath& p, std::vector<Model>& out, Presence) {
    out.clear();  // a repeated key replaces, it does not append
    return read_models(v, p, out);
  }

  // A page's items are not counted first: counting walks the whole page's structure once more
  // (~8 % of the decode), while letting the vector grow costs about ten blocks a page and
  // moves of users (a few strings' pointers each). The groups inside a user are counted.
  template <typename Model>
  bool read_models(od::value& value, const JsonPath& path, std::vector<Model>& models) {
    constexpr bool kCountFirst = !std::is_same_v<Model, ExperienceUser>;
    return r_.for_each_element(
        value, path, [&](std::size_t count) { models.reserve(count); },
        [&](std::size_t index, od::value& element) {
          return read_model(element, path.index(index), models.emplace_back());
        },
        kCountFirst);
  }

  JsonReader& r_;
};

// Decodes one document as a `Model`; failures are errors of `kind`.
template <typename Model>
Result<Model> decode(std::string_view json, std::size_t capacity, ErrorKind kind) {
  JsonReader reader(kind);
  Model model{};
  const bool ok = reader.read_document(json, capacity, [&](od::object& root) {
    return ModelReader(reader).read_model(root, JsonPath(), model);
  });
  if (!ok) return reader.take_error();
  return model;
}

}  // namespace

Result<ExperienceUser> decode_user(std::string_view json, std::size_t capacity) {
  return decode<ExperienceUser>(json, capacity, ErrorKind::kMalformedResponse);
}

Result<ExperienceUsers> decode_users(std::string_view json, std::size_t capacity) {
  return decode<ExperienceUsers>(json, capacity, ErrorKind::kMalformedResponse);
}

Result<DeleteResult> decode_delete_result(std::string_view json, std::size_t capacity) {
  return decode<DeleteResult>(json, capacity, ErrorKind::kMalformedResponse);
}

std::optional<ApiErrorBody> decode_error_body(std::string_view json) {
  // Lenient: an error body only adds detail to an HTTP status the caller already has, so a
  // field of another type is ignored rather than failing the whole body.
  JsonReader reader(ErrorKind::kMalformedResponse);
  ApiErrorBody body;
  bool found = false;
  const bool ok = reader.read_document(json, 0, [&](od::object& root) {
    return reader.for_each_field(root, JsonPath(), [&](std::string_view key, od::value& value) {
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
  return internal::decode<ExperienceUserPost>(json, 0, ErrorKind::kInvalidArgument);
}

Result<ExperienceUserPatch> parse_experience_user_patch(std::string_view json) {
  return internal::decode<ExperienceUserPatch>(json, 0, ErrorKind::kInvalidArgument);
}

}  // namespace losant::experience_users
