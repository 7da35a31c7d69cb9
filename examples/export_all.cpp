// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// Streams the email of every user to stdout, one a line. list_all() fetches pages lazily, so
// memory stays at one page however many users the application has.
//
//   export LOSANT_API_TOKEN=... LOSANT_APPLICATION_ID=...   # LOSANT_API_URL is optional
//   export_all > emails.txt
#include <cstdlib>
#include <iostream>

#include "losant/experience_users.hpp"

namespace eu = losant::experience_users;

int main() {
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
  query.sort_field = eu::SortField::kCreationDate;  // a stable order while paging
  long exported = 0;
  for (const eu::Result<eu::ExperienceUser>& user : client.list_all(application_id, query)) {
    if (!user) {  // a failed page ends the range: report it and how far we got
      std::cerr << user.error().to_string() << " (after " << exported << " users)\n";
      return 1;
    }
    std::cout << user->email << '\n';
    ++exported;
  }
  std::cerr << exported << " users exported\n";
  return 0;
}
