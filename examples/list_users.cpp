// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// Lists one page of users, most recent login first, optionally filtered by an email glob.
//
//   export LOSANT_API_TOKEN=... LOSANT_APPLICATION_ID=...   # LOSANT_API_URL is optional
//   list_users '*@example.com'
#include <cstdlib>
#include <iostream>

#include "losant/experience_users.hpp"

namespace eu = losant::experience_users;

int main(int argc, char** argv) {
  const char* application_id = std::getenv("LOSANT_APPLICATION_ID");
  if (application_id == nullptr) {
    std::cerr << "set LOSANT_APPLICATION_ID (and LOSANT_API_TOKEN)\n";
    return 2;
  }
  eu::ClientOptions options;
  if (const char* url = std::getenv("LOSANT_API_URL")) options.base_url = url;
  if (const char* token = std::getenv("LOSANT_API_TOKEN")) options.token = token;
  const eu::ExperienceUsersClient client(options);

  eu::ListQuery query;
  query.sort_field = eu::SortField::kLastLogin;
  query.sort_direction = eu::SortDirection::kDesc;
  query.per_page = 20;
  if (argc > 1) {
    query.filter_field = eu::FilterField::kEmail;
    query.filter = argv[1];  // a glob: `*` matches any run of characters
  }

  const eu::Result<eu::ExperienceUsers> page = client.list(application_id, query);
  if (!page) {
    std::cerr << page.error().to_string() << '\n';
    return 1;
  }
  for (const eu::ExperienceUser& user : page->items) {
    std::cout << user.email << "  last login: "
              << (user.last_login ? eu::format_timestamp(*user.last_login) : "never") << '\n';
  }
  std::cout << page->items.size() << " of " << page->total_count.value_or(0) << " users\n";
  return 0;
}
