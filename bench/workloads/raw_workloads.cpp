// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// The raw-libcurl baseline (losant-bench-raw): the same HTTP requests as the SDK sends for each
// workload (same URLs and query strings, same headers, same JSON bodies, same Accept-Encoding),
// one easy handle per thread reused for every request (so the connection is kept alive), each
// response body collected into a std::string and never parsed. It measures what the transfer
// alone costs; the SDK's time above it is request building, decoding and bookkeeping.
// `export` is the fetch-all transfer with every body written to the file `--out` as it arrives
// (the floor under the CLI's `export`, which writes JSON Lines to a file).
//
//   losant-bench-raw --workload get-page --url http://127.0.0.1:PORT
#include <curl/curl.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "harness.hpp"

using losant_bench::Args;
using losant_bench::Clock;

namespace {

// What the SDK sends with every request (src/client.cpp), then `Expect:` (no 100-continue) as
// its transport adds; Content-Type is removed for GET and set for POST, as the SDK does.
constexpr const char* kUserAgent = "User-Agent: losant-experience-users-cpp/0.1.0";
constexpr const char* kDefaultQuery = "_actions=false&_links=true&_embedded=true";

extern "C" size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// export: the body goes straight to the file (stdio-buffered), never held in memory.
struct FileSink {
  std::FILE* file = nullptr;
  std::size_t bytes = 0;  // of the current response
};
extern "C" size_t on_body_to_file(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<FileSink*>(user);
  const size_t written = std::fwrite(data, size, count, sink->file) * size;
  sink->bytes += written;
  return written;  // short: libcurl fails the transfer (CURLE_WRITE_ERROR)
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

Slist make_headers(const Args& a, bool json_body) {
  curl_slist* list = nullptr;
  list = curl_slist_append(list, "Accept: application/json");
  list = curl_slist_append(list, "Accept-Version: ^1.30.0");
  list = curl_slist_append(list, kUserAgent);
  list = curl_slist_append(list, ("Authorization: Bearer " + a.token).c_str());
  list = curl_slist_append(list, "Expect:");
  list = curl_slist_append(list, json_body ? "Content-Type: application/json" : "Content-Type:");
  return Slist(list);
}

// One reused easy handle: keeps its connection alive between requests.
class Handle {
 public:
  Handle(const Args& a, bool json_body)
      : curl_(curl_easy_init()), headers_(make_headers(a, json_body)) {
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers_.get());
    curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &body_);
  }
  ~Handle() { curl_easy_cleanup(curl_); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  // GET @p url; true on a 200 with a non-empty body.
  bool get(const std::string& url) {
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
    return perform(url, 200);
  }
  // POST @p body to @p url; true on a 201.
  bool post(const std::string& url, const std::string& body) {
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
    return perform(url, 201);
  }
  const std::string& body() const { return body_; }
  // From now on, response bodies go to @p file instead of body() (export).
  void stream_to(std::FILE* file) {
    sink_.file = file;
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, on_body_to_file);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &sink_);
  }
  // Body bytes of the last response, wherever they went.
  std::size_t body_size() const { return sink_.file != nullptr ? sink_.bytes : body_.size(); }

 private:
  bool perform(const std::string& url, long expected) {
    body_.clear();  // keeps its capacity, as a reused receive buffer
    sink_.bytes = 0;
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    const CURLcode rc = curl_easy_perform(curl_);
    long status = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK || status != expected || body_size() == 0) {
      static std::atomic<int> shown{0};
      if (shown.fetch_add(1) < 5) {
        std::cerr << "raw: " << curl_easy_strerror(rc) << ", HTTP " << status << ": "
                  << body_.substr(0, 200) << "\n";
      }
      return false;
    }
    return true;
  }

  CURL* curl_;
  Slist headers_;
  std::string body_;
  FileSink sink_;
};

std::string users_url(const Args& a) {
  return a.url + "/applications/" + a.app + "/experience/users?" + kDefaultQuery;
}

std::string page_url(const Args& a, long page) {
  return users_url(a) + "&page=" + std::to_string(page) + "&perPage=" + std::to_string(a.per_page);
}

// The pages the SDK requests for `users` users (the raw baseline does not parse totalCount).
// Both fetch-all workloads are the same transfer; the count reported is users expected.
int fetch_all(const Args& a) {
  Handle handle(a, false);
  const long pages = (a.users + a.per_page - 1) / a.per_page;
  long errors = 0;
  std::size_t bytes = 0;
  const auto start = Clock::now();
  for (long page = 0; page < pages; ++page) {
    if (handle.get(page_url(a, page))) {
      bytes += handle.body().size();
    } else {
      ++errors;
    }
  }
  const auto elapsed = Clock::now() - start;
  losant_bench::print_result("raw", a, elapsed, errors == 0 ? a.users : 0, errors);
  std::cerr << "raw: " << bytes << " body bytes\n";
  return errors == 0 ? 0 : 1;
}

// Every page written to the file --out as it arrives, one handle, one page at a time: the
// transfer floor under the CLI's `export` (which also decodes and writes JSON Lines). The clock
// covers opening the file to closing it; the bench script times the whole process as well.
int export_pages(const Args& a) {
  Handle handle(a, false);
  const long pages = (a.users + a.per_page - 1) / a.per_page;
  long errors = 0;
  std::size_t bytes = 0;
  const auto start = Clock::now();
  std::FILE* file = std::fopen(a.out.c_str(), "wb");
  if (file == nullptr) {
    std::cerr << "raw: cannot write " << a.out << ": " << std::strerror(errno) << "\n";
    return 1;
  }
  handle.stream_to(file);
  for (long page = 0; page < pages; ++page) {
    if (handle.get(page_url(a, page))) {
      bytes += handle.body_size();
    } else {
      ++errors;
    }
  }
  if (std::fclose(file) != 0) {
    std::cerr << "raw: cannot write " << a.out << ": " << std::strerror(errno) << "\n";
    ++errors;
  }
  const auto elapsed = Clock::now() - start;
  losant_bench::print_result("raw", a, elapsed, errors == 0 ? a.users : 0, errors);
  std::cerr << "raw: " << bytes << " body bytes written to " << a.out << "\n";
  return errors == 0 ? 0 : 1;
}

int get_page(const Args& a) {
  Handle handle(a, false);
  const std::string url = page_url(a, 0);
  long ok = 0;
  long errors = 0;
  const auto start = Clock::now();
  for (long i = 0; i < a.requests; ++i) handle.get(url) ? ++ok : ++errors;
  const auto elapsed = Clock::now() - start;
  losant_bench::print_result("raw", a, elapsed, ok, errors);
  return errors == 0 ? 0 : 1;
}

int create(const Args& a, long threads) {
  const std::string url = users_url(a);
  std::vector<std::string> bodies;
  bodies.reserve(static_cast<std::size_t>(a.requests));
  for (long i = 0; i < a.requests; ++i)
    bodies.push_back(losant_bench::bench_create_body(a.run_id, i));
  std::atomic<long> next{0};
  std::atomic<long> ok{0};
  std::atomic<long> errors{0};
  // One handle per thread, made before the clock starts (the SDK's client is too); its
  // connection is opened by the first request, inside the clock, as the SDK's are.
  std::vector<std::unique_ptr<Handle>> handles;
  for (long t = 0; t < threads; ++t) handles.push_back(std::make_unique<Handle>(a, true));
  const auto worker = [&](Handle& handle) {
    for (long i = next.fetch_add(1); i < a.requests; i = next.fetch_add(1)) {
      if (handle.post(url, bodies[static_cast<std::size_t>(i)])) {
        ok.fetch_add(1);
      } else {
        errors.fetch_add(1);
      }
    }
  };
  const auto start = Clock::now();
  if (threads == 1) {
    worker(*handles[0]);
  } else {
    std::vector<std::thread> pool;
    for (auto& handle : handles) pool.emplace_back(worker, std::ref(*handle));
    for (auto& thread : pool) thread.join();
  }
  const auto elapsed = Clock::now() - start;
  losant_bench::print_result("raw", a, elapsed, ok.load(), errors.load());
  return errors.load() == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = losant_bench::parse_args(argc, argv);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int rc = 0;
  if (a.workload == "fetch-all-keep" || a.workload == "fetch-all-stream") {
    rc = fetch_all(a);
  } else if (a.workload == "export") {
    rc = export_pages(a);
  } else if (a.workload == "get-page") {
    rc = get_page(a);
  } else if (a.workload == "create-seq") {
    rc = create(a, 1);
  } else {
    rc = create(a, a.threads);
  }
  curl_global_cleanup();
  return rc;
}
