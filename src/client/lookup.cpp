// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "client/lookup.hpp"

#include <utility>

#include "text/text.hpp"

namespace losant::experience_users::internal {

Result<std::optional<ExperienceUser>> find_user_by_email(const ExperienceUsersClient& client,
                                                         std::string_view application_id,
                                                         const std::string& email) {
  ListQuery q;
  q.filter_field = FilterField::kEmail;
  q.filter = email;
  q.per_page = 1000;
  for (auto& user : client.list_all(application_id, q)) {
    if (!user) return std::move(user).error();
    if (ascii_iequals(user->email, email)) {
      return std::optional<ExperienceUser>(*std::move(user));
    }
  }
  return std::optional<ExperienceUser>();
}

}  // namespace losant::experience_users::internal
