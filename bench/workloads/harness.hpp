// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// What the SDK and raw-libcurl workload programs share: the command line, the names of the
// workloads, the request bodies and the one result line the bench script reads.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

namespace losant_bench {

/// The workloads, as named on the command line and in the result line.
/// `create-many-16` (create_many() with 16 in flight) and `create-seq-fresh` (creates not reusing
/// kept-alive connections) exist only in the SDK program; `export` (every page written to the
/// file `--out`) only in the raw one: the SDK's export is the CLI's `export` command.
inline constexpr std::string_view kWorkloads[] = {
    "fetch-all-keep", "fetch-all-stream", "get-page",         "create-seq",
    "create-16",      "create-many-16",   "create-seq-fresh", "export"};

/// The command line of every workload program (same flags for the JS script).
struct Args {
  std::string workload;
  std::string url;
  std::string token = "emulator-token";
  std::string app = "5f0c1a2b3c4d5e6f7a8b9c0d";
  long users =
      100000;  // fetch-all: users expected (the raw baseline requests users/per_page pages)
  long per_page = 1000;
  long requests = 0;  // get-page: 1000; creates: 2000 (0 = the workload's default)
  long threads = 16;  // create-16
  std::string run_id = "r0";
  std::string out;  // export: the file written
};

inline void usage(const char* program) {
  std::cerr << "usage: " << program
            << " --workload W --url http://127.0.0.1:PORT [--token T] [--app ID] [--users N]\n"
               "       [--per-page N] [--requests N] [--threads N] [--run-id ID] [--out FILE]\n"
               "workloads: fetch-all-keep fetch-all-stream get-page create-seq create-16 "
               "create-many-16 create-seq-fresh export\n";
}

/// Parses the command line; exits with status 2 on a mistake.
inline Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) {
      usage(argv[0]);
      std::exit(2);
    }
    const char* value = argv[++i];
    if (flag == "--workload") {
      a.workload = value;
    } else if (flag == "--url") {
      a.url = value;
    } else if (flag == "--token") {
      a.token = value;
    } else if (flag == "--app") {
      a.app = value;
    } else if (flag == "--users") {
      a.users = std::atol(value);
    } else if (flag == "--per-page") {
      a.per_page = std::atol(value);
    } else if (flag == "--requests") {
      a.requests = std::atol(value);
    } else if (flag == "--threads") {
      a.threads = std::atol(value);
    } else if (flag == "--run-id") {
      a.run_id = value;
    } else if (flag == "--out") {
      a.out = value;
    } else {
      usage(argv[0]);
      std::exit(2);
    }
  }
  bool known = false;
  for (auto w : kWorkloads) known = known || w == a.workload;
  if (!known || a.url.empty() || a.per_page <= 0 || a.threads <= 0 ||
      (a.workload == "export" && a.out.empty())) {
    usage(argv[0]);
    std::exit(2);
  }
  if (a.requests <= 0) a.requests = a.workload == "get-page" ? 1000 : 2000;
  return a;
}

/// The email of create number @p i of run @p run_id: unique per run, so no AlreadyExists.
inline std::string bench_email(const std::string& run_id, long i) {
  return "bench-" + run_id + "-" + std::to_string(i) + "@example.com";
}
inline constexpr std::string_view kBenchPassword = "bench-password-123";
inline constexpr std::string_view kBenchFirstName = "Bench";
/// The last name of create number @p i.
inline std::string bench_last_name(long i) {
  return "User " + std::to_string(i);
}

/// The create body exactly as the SDK encodes an ExperienceUserPost with email, password,
/// firstName and lastName (its encoder writes them in that order, compact, no spaces); the raw
/// baseline sends these bytes. Emails and names here need no JSON escaping.
inline std::string bench_create_body(const std::string& run_id, long i) {
  std::string body = "{\"email\":\"";
  body += bench_email(run_id, i);
  body += "\",\"password\":\"";
  body += kBenchPassword;
  body += "\",\"firstName\":\"";
  body += kBenchFirstName;
  body += "\",\"lastName\":\"";
  body += bench_last_name(i);
  body += "\"}";
  return body;
}

/// Peak resident set size of this process so far, in KiB (Linux reports ru_maxrss in KiB).
inline long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

using Clock = std::chrono::steady_clock;

/// Prints the one line the bench script parses, e.g.
/// `RESULT impl=sdk workload=get-page seconds=0.912345 peak_rss_kib=20480 count=1000 errors=0`.
/// `count` is users read (fetch-all) or requests that succeeded (the others).
inline void print_result(std::string_view impl, const Args& a, Clock::duration elapsed, long count,
                         long errors) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::printf("RESULT impl=%.*s workload=%s seconds=%.6f peak_rss_kib=%ld count=%ld errors=%ld\n",
              static_cast<int>(impl.size()), impl.data(), a.workload.c_str(), seconds,
              peak_rss_kib(), count, errors);
  std::fflush(stdout);
}

}  // namespace losant_bench
