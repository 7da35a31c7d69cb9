// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "user_lookup.hpp"

#include <optional>
#include <utility>

#include "text/text.hpp"

namespace losant::cli {

namespace eu = losant::experience_users;

eu::Result<IdsByEmail> find_ids_by_email(const eu::ExperienceUsersClient& client,
                                         const std::string& application_id,
                                         const std::unordered_set<std::string>& emails) {
  IdsByEmail found;
  if (emails.empty()) return found;
  auto scan = [&](const eu::ListQuery& query, eu::Paging paging) -> std::optional<eu::Error> {
    for (auto& user : client.list_all(application_id, query, paging)) {
      if (!user) return std::move(user).error();
      std::string email = eu::internal::ascii_lowered(user->email);
      if (emails.count(email) != 0) found.emplace(std::move(email), std::move(user->id));
      if (found.size() == emails.size()) break;
    }
    return std::nullopt;
  };
  eu::ListQuery query;
  query.per_page = 1000;
  if (emails.size() > kMaxFilteredLookups) {
    if (auto error = scan(query, eu::Paging::kKeyset)) return *error;
    return found;
  }
  query.filter_field = eu::FilterField::kEmail;
  for (const std::string& email : emails) {
    query.filter = email;  // a `*` in an email matches more; scan() keeps the exact one
    if (auto error = scan(query, eu::Paging::kOffset)) return *error;
  }
  return found;
}

}  // namespace losant::cli
