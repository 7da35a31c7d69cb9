// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Decoding of untrusted JSON into the models: response bodies, and create bodies (JSON Lines
// records) for parse_experience_user_post. The models' field tables (wire/schema.hpp) drive
// the generic reader (wire/json_reader.hpp): each object's fields are visited once in document
// order and dispatched on the key; unknown keys are skipped (or refused, for a strict schema).

#include <array>
#include <cstdint>
#include <tuple>
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

  template <typename Model>
  bool read_model(od::object& object, const JsonPath& path, Model& model) {
    constexpr std::size_t kCount = std::tuple_size_v<decltype(Schema<Model>::kFields)>;
    std::array<bool, kCount> seen{};
    const bool ok = r_.for_each_field(object, path, [&](std::string_view key, od::value& value) {
      bool matched = false;
      bool read_ok = true;
      std::size_t i = 0;
      for_each_field<Model>([&](const auto& field) {
        if (!matched && key == field.name) {
          matched = seen[i] = true;
          read_ok = read(value, path.key(key), model.*field.member, field.presence);
        }
        ++i;
      });
      if (matched) return read_ok;
      if (Schema<Model>::kStrict) {
        return r_.fail(path.key(key), "unknown field (not allowed in a create body)");
      }
      return true;
    });
    if (!ok) return false;
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
  // --- member types

  bool read(od::value& v, const JsonPath& p, std::string& out, Presence) {
    return r_.read_string(v, p, out);
  }
  bool read(od::value& v, const JsonPath& p, std::optional<std::string>& out, Presence presence) {
    return presence == Presence::kNullable ? r_.read_nullable_string(v, p, out)
                                           : r_.read_string(v, p, out);
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

  template <typename Model>
  bool read_models(od::value& value, const JsonPath& path, std::vector<Model>& models) {
    return r_.for_each_element(
        value, path, [&](std::size_t count) { models.reserve(count); },
        [&](std::size_t index, od::value& element) {
          return read_model(element, path.index(index), models.emplace_back());
        });
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

}  // namespace losant::experience_users
