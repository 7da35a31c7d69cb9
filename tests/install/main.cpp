// Builds against the installed SDK only; runs without a network: an invalid id must come back
// as a typed error before any I/O, and the version must match the package's.
#include <losant/experience_users.hpp>

#include <cstring>
#include <iostream>

int main() {
  namespace eu = losant::experience_users;
  eu::ClientOptions options;
  options.token = "unused";
  eu::ExperienceUsersClient client(options);
  auto result = client.get("not-an-id", "575ec8687ae143cd83dc4a97");
  if (result || result.error().kind != eu::ErrorKind::kInvalidArgument) {
    std::cerr << "expected an invalid-argument error\n";
    return 1;
  }
  std::cout << "losant-experience-users " << eu::kVersion << ": " << result.error().to_string()
            << "\n";
  return std::strlen(eu::kVersion) > 0 ? 0 : 1;
}
