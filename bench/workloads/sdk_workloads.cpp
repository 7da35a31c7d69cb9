// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The benchmark workloads run through the SDK (losant-bench-sdk). See docs/performance.md.
//
//   losant-bench-sdk --workload fetch-all-keep --url http://127.0.0.1:PORT
//
// Besides the five workloads of all three implementations it runs `create-many-16`: the
// create-16 requests sent through ExperienceUsersClient::create_many().
//
// prints one `RESULT impl=sdk workload=... seconds=... peak_rss_kib=... count=... errors=...`
// line. Only the workload itself is timed: the client is built before the clock starts.
#include <atomic>
#include <iostream>
#include <thread>
#include <vector>

#include "harness.hpp"
#include "losant/experience_users/client.hpp"

namespace eu = losant::experience_users;
using losant_bench::Args;
using losant_bench::Clock;

namespace {

void report_error(const eu::Error& error) {
  static std::atomic<int> shown{0};
  if (shown.fetch_add(1) < 5) std::cerr << "sdk: " << error.to_string() << "\n";
}

eu::ExperienceUserPost post_body(const Args& a, long i) {
  eu::ExperienceUserPost body;
  body.email = losant_bench::bench_email(a.run_id, i);
  body.password = std::string(losant_bench::kBenchPassword);
  body.first_name = std::string(losant_bench::kBenchFirstName);
  body.last_name = losant_bench::bench_last_name(i);
  return body;
}

// Every page of 1000 with list(), every user moved into one vector kept to the end (what a back
// end that loads all users does). The vector is reserved from the first page's totalCount.
int fetch_all_keep(const eu::ExperienceUsersClient& client, const Args& a) {
  std::vector<eu::ExperienceUser> users;
  long errors = 0;
  const auto start = Clock::now();
  eu::ListQuery query;
  query.per_page = a.per_page;
  for (std::int64_t page = 0;; ++page) {
    query.page = page;
    auto result = client.list(a.app, query);
    if (!result) {
      report_error(result.error());
      ++errors;
      break;
    }
    auto& items = result->items;
    if (page == 0 && result->total_count) {
      users.reserve(static_cast<std::size_t>(*result->total_count));
    }
    const auto got = static_cast<std::int64_t>(items.size());
    users.insert(users.end(), std::make_move_iterator(items.begin()),
                 std::make_move_iterator(items.end()));
    if (got < a.per_page) break;
    if (result->total_count && (page + 1) * a.per_page >= *result->total_count) break;
  }
  const auto elapsed = Clock::now() - start;
  losant_bench::print_result("sdk", a, elapsed, static_cast<long>(users.size()), errors);
  return errors == 0 && static_cast<long>(users.size()) == a.users ? 0 : 1;
}

// list_all(): one page in memory at a time; count the users and keep nothing.
int fetch_all_stream(const eu::ExperienceUsersClient& client, const Args& a) {
  long count = 0;
  long errors = 0;
  std::size_t email_bytes = 0;  // touch every user so nothing is optimised away
  const auto start = Clock::now();
  eu::ListQuery query;
  query.per_page = a.per_page;
  for (auto& user : client.list_all(a.app, query)) {
    if (!user) {
      report_error(user.error());
      ++errors;
      break;
    }
    email_bytes += user->email.size();
    ++count;
  }
  const auto elapsed = Clock::now() - start;
  losant_bench::print_result("sdk", a, elapsed, count, errors);
  if (email_bytes == 0 && count > 0) return 1;
  return errors == 0 && count == a.users ? 0 : 1;
}

// The same page (page 0, perPage 1000) fetched and decoded `requests` times in a row.
int get_page(const eu::ExperienceUsersClient& client, const Args& a) {
  long ok = 0;
  long errors = 0;
  eu::ListQuery query;
  query.page = 0;
  query.per_page = a.per_page;
  const auto start = Clock::now();
  for (long i = 0; i < a.requests; ++i) {
    auto result = client.list(a.app, query);
    if (result && static_cast<long>(result->items.size()) == a.per_page) {
      ++ok;
    } else {
      if (!result) report_error(result.error());
      ++errors;
    }
  }
  const auto elapsed = Clock::now() - start;
  losant_bench::print_result("sdk", a, elapsed, ok, errors);
  return errors == 0 ? 0 : 1;
}

// `requests` creates spread over `threads` threads (1 = sequential) sharing one client.
int create(const eu::ExperienceUsersClient& client, const Args& a, long threads) {
  std::atomic<long> next{0};
  std::atomic<long> ok{0};
  std::atomic<long> errors{0};
  // Bodies are built outside the clock, as the raw baseline's are.
  std::vector<eu::ExperienceUserPost> bodies;
  bodies.reserve(static_cast<std::size_t>(a.requests));
  for (long i = 0; i < a.requests; ++i) bodies.push_back(post_body(a, i));
  const auto worker = [&] {
    for (long i = next.fetch_add(1); i < a.requests; i = next.fetch_add(1)) {
      auto result = client.create(a.app, bodies[static_cast<std::size_t>(i)]);
      if (result) {
        ok.fetch_add(1);
      } else {
        report_error(result.error());
        errors.fetch_add(1);
      }
    }
  };
  const auto start = Clock::now();
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (long t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& thread : pool) thread.join();
  }
  const auto elapsed = Clock::now() - start;
  losant_bench::print_result("sdk", a, elapsed, ok.load(), errors.load());
  return errors.load() == 0 ? 0 : 1;
}

// The same creates through create_many() with `threads` requests in flight: the SDK's own bulk
// API (validation up front, adaptive concurrency, no duplicates after ambiguous failures).
int create_many(const eu::ExperienceUsersClient& client, const Args& a) {
  std::vector<eu::ExperienceUserPost> bodies;
  bodies.reserve(static_cast<std::size_t>(a.requests));
  for (long i = 0; i < a.requests; ++i) bodies.push_back(post_body(a, i));
  eu::BulkCreateOptions options;
  options.concurrency = static_cast<int>(a.threads);
  const auto start = Clock::now();
  const std::vector<eu::BulkOutcome> outcomes = client.create_many(a.app, bodies, options);
  const auto elapsed = Clock::now() - start;
  long created = 0;
  long errors = 0;
  for (const auto& outcome : outcomes) {
    if (outcome.kind == eu::BulkOutcomeKind::kCreated) {
      ++created;
    } else {
      if (outcome.error) report_error(*outcome.error);
      ++errors;
    }
  }
  losant_bench::print_result("sdk", a, elapsed, created, errors);
  return errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = losant_bench::parse_args(argc, argv);
  if (a.workload == "export") {
    std::cerr << "losant-bench-sdk: the SDK's export is the CLI (losant-experience-users export)\n";
    return 2;
  }
  eu::ClientOptions options;
  options.base_url = a.url;
  options.token = a.token;
  if (a.workload == "create-seq-fresh") {
    // The opt-out: a new connection for every create (see CurlTransportOptions).
    options.curl.reuse_connections_for_post = false;
  }
  const eu::ExperienceUsersClient client(options);
  if (a.workload == "create-seq-fresh") return create(client, a, 1);
  if (a.workload == "fetch-all-keep") return fetch_all_keep(client, a);
  if (a.workload == "fetch-all-stream") return fetch_all_stream(client, a);
  if (a.workload == "get-page") return get_page(client, a);
  if (a.workload == "create-seq") return create(client, a, 1);
  if (a.workload == "create-many-16") return create_many(client, a);
  return create(client, a, a.threads);  // create-16
}
