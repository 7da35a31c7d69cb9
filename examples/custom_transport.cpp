// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// Plugs a transport of your own into the client through ClientOptions::transport. This one is a
// decorator: it prints each request's method and URL (never its headers or body, which hold the
// token and passwords), then hands the request to the default curl transport. The same seam
// serves metrics, tracing, or a test double.
//
//   export LOSANT_API_TOKEN=... LOSANT_APPLICATION_ID=...   # LOSANT_API_URL is optional
//   custom_transport
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <utility>

#include "losant/experience_users.hpp"

namespace eu = losant::experience_users;

class PrintingTransport : public eu::HttpTransport {
 public:
  explicit PrintingTransport(std::shared_ptr<eu::HttpTransport> next) : next_(std::move(next)) {}

  eu::Result<eu::HttpResponse> send(const eu::HttpRequest& request) override {
    {
      // send() may be called from many threads at once (see HttpTransport).
      const std::lock_guard<std::mutex> lock(mutex_);
      std::cerr << eu::to_string(request.method) << " " << request.url << "\n";
    }
    eu::Result<eu::HttpResponse> response = next_->send(request);
    const std::lock_guard<std::mutex> lock(mutex_);
    if (response) {
      std::cerr << "  -> " << response->status << "\n";
    } else {
      std::cerr << "  -> " << response.error().to_string() << "\n";
    }
    return response;
  }

 private:
  std::shared_ptr<eu::HttpTransport> next_;
  std::mutex mutex_;
};

int main() {
  const char* application_id = std::getenv("LOSANT_APPLICATION_ID");
  if (application_id == nullptr) {
    std::cerr << "set LOSANT_APPLICATION_ID (and LOSANT_API_TOKEN)\n";
    return 2;
  }
  eu::ClientOptions options;
  if (const char* url = std::getenv("LOSANT_API_URL")) options.base_url = url;
  if (const char* token = std::getenv("LOSANT_API_TOKEN")) options.token = token;
  // With a transport set, options.curl (ca_bundle_path, connect_timeout, ...) is not used:
  // give those settings to make_curl_transport() instead.
  options.transport = std::make_shared<PrintingTransport>(eu::make_curl_transport());
  const eu::ExperienceUsersClient client(options);

  eu::ListQuery query;
  query.per_page = 3;
  auto page = client.list(application_id, query);
  if (!page) {
    std::cerr << page.error().to_string() << "\n";
    return 1;
  }
  for (const eu::ExperienceUser& user : page->items) std::cout << user.email << "\n";
  return 0;
}
