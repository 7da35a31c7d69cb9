// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// A scripted HttpTransport for unit tests of the client's logic (retry, mapping, validation):
// it answers each send() with the next scripted outcome and records every request.
#pragma once

#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "losant/experience_users/transport.hpp"

namespace losant::experience_users::testing {

class FakeTransport : public HttpTransport {
 public:
  // Queues a response.
  void respond(int status, std::string body = {}, HttpHeaders headers = {}) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    respond(std::move(r));
  }
  void respond(HttpResponse r) {
    std::lock_guard<std::mutex> lock(mu_);
    script_.emplace_back(std::move(r));
  }
  // Queues a transport failure.
  void fail(ErrorKind kind, bool may_have_been_sent, bool retryable = true) {
    Error e;
    e.kind = kind;
    e.message = "scripted failure";
    e.request_may_have_been_sent = may_have_been_sent;
    e.retryable = retryable;
    std::lock_guard<std::mutex> lock(mu_);
    script_.emplace_back(std::move(e));
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    if (script_.empty()) {
      Error e;
      e.kind = ErrorKind::kTransport;
      e.message = "FakeTransport: no scripted response left";
      return e;
    }
    Result<HttpResponse> next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  std::size_t pending() const {
    std::lock_guard<std::mutex> lock(mu_);
    return script_.size();
  }

 private:
  mutable std::mutex mu_;
  std::deque<Result<HttpResponse>> script_;
  std::vector<HttpRequest> requests_;
};

// A minimal valid user body with the given id and email.
inline std::string user_json(const std::string& id, const std::string& email) {
  return R"({"id":")" + id + R"(","experienceUserId":")" + id + R"(","email":")" + email +
         R"(","creationDate":"2016-06-13T04:00:00.000Z","userTags":{},"experienceGroups":[]})";
}

// A list page of `count` users numbered from `first`, with the given totalCount.
inline std::string page_json(int first, int count, int total, int page, int per_page) {
  std::string items;
  for (int i = first; i < first + count; ++i) {
    char id[25];
    std::snprintf(id, sizeof id, "%024x", i + 1);
    if (!items.empty()) items += ',';
    items += user_json(id, "user" + std::to_string(i) + "@example.com");
  }
  return R"({"items":[)" + items + R"(],"count":)" + std::to_string(count) + R"(,"totalCount":)" +
         std::to_string(total) + R"(,"perPage":)" + std::to_string(per_page) + R"(,"page":)" +
         std::to_string(page) +
         R"(,"sortField":"email","sortDirection":"asc","applicationId":"575ec8687ae143cd83dc4a97"})";
}

}  // namespace losant::experience_users::testing
