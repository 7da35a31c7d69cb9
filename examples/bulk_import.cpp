// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// Creates a few users at once with create_many(): bounded concurrency, a progress line, and one
// outcome per input. Run it twice: the second run creates nothing and reports every user as
// skipped, because create_many() treats "that email already exists" as done.
//
//   export LOSANT_API_TOKEN=... LOSANT_APPLICATION_ID=...   # LOSANT_API_URL is optional
//   bulk_import
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

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

  std::vector<eu::ExperienceUserPost> users;
  for (const char* name : {"ada", "grace", "edsger", "barbara", "donald"}) {
    eu::ExperienceUserPost user;
    user.email = std::string(name) + "@bulk.example.com";
    user.password = "change-me-" + std::string(name) + "-2024";  // use real secrets in real code
    user.first_name = name;
    user.user_tags = eu::Tags{{"source", "bulk_import"}};
    users.push_back(user);
  }

  eu::BulkOptions bulk;
  bulk.concurrency = 4;
  bulk.on_progress = [](const eu::BulkProgress& p) {  // one call at a time
    std::cerr << "\r" << p.done << "/" << p.total << " (created " << p.created << ", skipped "
              << p.skipped << ", failed " << p.failed << ")" << std::flush;
  };
  const std::vector<eu::BulkOutcome> outcomes = client.create_many(application_id, users, bulk);
  std::cerr << "\n";

  int failed = 0;
  for (const eu::BulkOutcome& outcome : outcomes) {
    std::cout << eu::to_string(outcome.kind) << "  " << outcome.email;
    if (outcome.user_id) std::cout << "  " << *outcome.user_id;
    if (outcome.kind == eu::BulkOutcomeKind::kFailed) {
      std::cout << "  " << outcome.error->to_string();  // never holds the password
      ++failed;
    }
    std::cout << "\n";
  }
  return failed == 0 ? 0 : 1;
}
