#include <losant/experience_users.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

namespace eu = losant::experience_users;

static std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

int main() {
  eu::ClientOptions options;
  options.base_url = env("LOSANT_API_URL").empty() ? options.base_url : env("LOSANT_API_URL");
  options.token = env("LOSANT_API_TOKEN");  // a token with the experienceUsers.* scopes
  eu::ExperienceUsersClient client(options);
  const std::string app = env("LOSANT_APPLICATION_ID");

  // One page, filtered and sorted.
  eu::ListQuery query;
  query.filter_field = eu::FilterField::kEmail;
  query.filter = "*@example.com";
  query.sort_field = eu::SortField::kLastLogin;
  query.sort_direction = eu::SortDirection::kDesc;
  query.per_page = 50;
  auto page = client.list(app, query);
  if (!page) {
    std::cerr << page.error().to_string() << "\n";  // e.g. "http 401 Unauthorized: ..."
    return 1;
  }
  std::cout << page->total_count.value_or(0) << " users match\n";

  // Create one; only the fields that are set are sent.
  eu::ExperienceUserPost body;
  body.email = "ada@example.com";
  body.password = "analytical-engine-1843";
  body.first_name = "Ada";
  body.user_tags = eu::Tags{{"team", "math"}};
  auto user = client.create(app, body);
  if (!user) {
    std::cerr << user.error().to_string() << "\n";
    return 1;
  }

  // Every user, a few pages in memory at a time (fetched ahead: ClientOptions::pages_in_flight).
  for (auto& u : client.list_all(app)) {
    if (!u) {
      std::cerr << u.error().to_string() << "\n";
      return 1;
    }
    std::cout << u->email << "\n";
  }
}
