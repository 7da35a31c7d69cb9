// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// The life of one user: create, update, read back, delete. Written with exceptions
// (Result::value() throws eu::Exception) to show that style; list_users.cpp checks results.
//
//   export LOSANT_API_TOKEN=... LOSANT_APPLICATION_ID=...   # LOSANT_API_URL is optional
//   read -rs PASSWORD && printf '%s\n' "$PASSWORD" | create_update_delete new.user@example.com
#include <cstdlib>
#include <iostream>
#include <string>

#include "losant/experience_users.hpp"

namespace eu = losant::experience_users;

int main(int argc, char** argv) {
  const char* application_id = std::getenv("LOSANT_APPLICATION_ID");
  if (application_id == nullptr || argc != 2) {
    std::cerr << "usage: create_update_delete EMAIL < password  (needs LOSANT_APPLICATION_ID)\n";
    return 2;
  }
  eu::ClientOptions options;
  if (const char* url = std::getenv("LOSANT_API_URL")) options.base_url = url;
  if (const char* token = std::getenv("LOSANT_API_TOKEN")) options.token = token;
  const eu::ExperienceUsersClient client(options);

  try {
    eu::ExperienceUserPost post;
    post.email = argv[1];
    std::getline(std::cin, post.password);  // never put a password on the command line
    post.first_name = "Ada";
    post.user_tags = eu::Tags{{"role", "operator"}};
    const eu::ExperienceUser created = client.create(application_id, post).value();
    std::cout << "created " << created.id << '\n';

    eu::ExperienceUserPatch patch;  // only the fields set here change
    patch.last_name = "Lovelace";
    patch.user_tags = eu::Tags{{"role", "admin"}, {"site", "north"}};
    client.update(application_id, created.id, patch).value();

    const eu::ExperienceUser fetched = client.get(application_id, created.id).value();
    std::cout << fetched.first_name.value_or("") << ' ' << fetched.last_name.value_or("") << " has "
              << fetched.user_tags.value_or(eu::Tags{}).size() << " tags\n";

    client.remove(application_id, created.id).value();
    std::cout << "deleted " << created.id << '\n';
  } catch (const eu::Exception& e) {
    std::cerr << e.what() << '\n';  // what() is Error::to_string(): never a password
    return 1;
  }
  return 0;
}
