// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Fuzzes the JSON writer against the DOM encoder it replaced (support/json_oracle.hpp): the
// input is decoded as each model it may be, encoded by the writer and by the oracle, and the
// two texts must be byte-identical; the writer's text must decode back to the same model. The
// raw input also goes through the writer as strings (names, tag keys and values), so that
// invalid UTF-8 - which no decoder lets through - meets the replacement rule.

#include "fuzz_check.hpp"
#include "losant/experience_users/groups.hpp"
#include "losant/experience_users/json.hpp"
#include "support/json_oracle.hpp"
#include "wire/codec.hpp"
#include "wire/json_writer.hpp"

using namespace losant::experience_users;

namespace {

template <typename Model, typename Decode>
void check_model(std::string_view text, Decode&& decode) {
  const auto model = decode(text);
  if (!model.ok()) return;
  const std::string json = to_json(*model);
  fuzz::check(json == oracle::to_json(*model), "writer and DOM encoder differ");
  const auto again = decode(json);
  fuzz::check(again.ok() && *again == *model, "the writer's text does not decode to the model");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  std::string written;
  internal::append_json_string(written, text);
  fuzz::check(written == oracle::string_json(text), "string escaping differs");

  check_model<ExperienceUser>(text, [](std::string_view t) { return internal::decode_user(t); });
  check_model<ExperienceUsers>(text, [](std::string_view t) { return internal::decode_users(t); });
  check_model<ExperienceUserPost>(text, parse_experience_user_post);
  check_model<DeleteResult>(text,
                            [](std::string_view t) { return internal::decode_delete_result(t); });

  if (const auto group = parse_experience_group(text)) {
    const std::string json = to_json(*group);
    fuzz::check(json == oracle::group_to_json(*group), "group: writer and DOM encoder differ");
    const auto again = parse_experience_group(json);
    fuzz::check(again.ok() && *again == *group, "group does not decode to itself");
  }
  if (const auto groups = parse_experience_groups(text)) {
    fuzz::check(to_json(*groups) == oracle::groups_to_json(*groups),
                "groups: writer and DOM encoder differ");
  }

  // The raw bytes as members of a user (two halves, so keys and values differ).
  const std::string_view first = text.substr(0, size / 2);
  const std::string_view second = text.substr(size / 2);
  ExperienceUser user;
  user.id = std::string(first);
  user.email = std::string(second);
  user.first_name = std::string(text);
  user.user_tags = Tags{{std::string(first), std::string(second)}, {std::string(second), ""}};
  user.experience_groups = std::vector<ExperienceGroup>{ExperienceGroup{}};
  user.experience_groups->front().name = std::string(second);
  fuzz::check(to_json(user) == oracle::to_json(user), "user of raw bytes: encoders differ");
  return 0;
}
