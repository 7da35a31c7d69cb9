// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// losant-emulator: serves the Experience Users emulator until SIGINT or SIGTERM.

#include <charconv>
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fault_spec.hpp"
#include "losant/experience_users/testing/emulator.hpp"
#include "types.hpp"

namespace {

using losant::emulator::Emulator;
using losant::emulator::FaultSpec;
using losant::emulator::Options;

constexpr std::string_view kUsage = R"(usage: losant-emulator [options]

Serves a local emulator of the Losant Experience Users API until SIGINT or SIGTERM.
Once it accepts connections, prints on standard output:
  listening on URL
  token: TOKEN
  application id: ID
  export LOSANT_API_URL=URL LOSANT_API_TOKEN=TOKEN LOSANT_APPLICATION_ID=ID
The last line, pasted into a shell, points the losant-experience-users CLI (and the examples)
at the emulator; values are shell-quoted where needed.

options (--name VALUE or --name=VALUE):
  --host H              interface to bind (default 127.0.0.1)
  --port P              port to bind (default 0: any free port)
  --seed-users N        users to generate (default 0)
  --seed S              seed of the generated data (default 42)
  --token T             bearer token to require (default emulator-token)
  --application-id ID   the application served (24 hex characters)
  --tls-cert FILE       serve HTTPS with this PEM certificate...
  --tls-key FILE        ...and this PEM private key
  --latency DURATION    answer every request this long after it arrived, as a server far
                        away would (250, 250ms or 2s; default 0)
  --fault SPEC          inject a fault, repeatable: ROUTE:KIND[:key=value,...]
                        ROUTE: any list create get update delete list_groups get_group
                        KIND: status close_before_response close_mid_body truncated_body
                              html_body wrong_types empty_200 delay drip oversized_body
                              apply_then_drop
                        keys: status retry_after delay(ms, or 250ms, 2s) bytes count
                        e.g. --fault create:status:status=429,retry_after=1,count=3
  --help                show this help
)";

struct Arguments {
  Options options;
  std::vector<FaultSpec> faults;
};

// @p value as one shell word: as it is when it holds only characters no shell treats specially,
// else in single quotes (a quote inside becoming '\'').
std::string shell_word(std::string_view value) {
  constexpr std::string_view kPlain =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.,:/@%+=[]";
  if (!value.empty() && value.find_first_not_of(kPlain) == std::string_view::npos)
    return std::string(value);
  std::string word = "'";
  for (const char c : value) {
    if (c == '\'') {
      word += "'\\''";
    } else {
      word += c;
    }
  }
  return word + "'";
}

// What the program prints once it serves: where, with which token and application, and the
// line to paste into a shell.
std::string banner(const Emulator& emulator) {
  return "listening on " + emulator.base_url() + "\ntoken: " + emulator.token() +
         "\napplication id: " + emulator.application_id() +
         "\nexport LOSANT_API_URL=" + shell_word(emulator.base_url()) +
         " LOSANT_API_TOKEN=" + shell_word(emulator.token()) +
         " LOSANT_APPLICATION_ID=" + shell_word(emulator.application_id()) + "\n";
}

template <typename Integer>
bool parse_number(std::string_view text, Integer* value) {
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, *value);
  return !text.empty() && error == std::errc() && ptr == end;
}

// Parses argv into @p arguments; returns the error message, if any.
std::optional<std::string> parse_arguments(int argc, char** argv, Arguments* arguments) {
  Options& options = arguments->options;
  for (int i = 1; i < argc; ++i) {
    std::string_view name = argv[i];
    std::optional<std::string_view> inline_value;
    if (const std::size_t equals = name.find('='); equals != std::string_view::npos) {
      inline_value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    if (name == "--help" || name == "-h") return std::string();
    // Every other option takes a value.
    std::string_view value;
    if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return std::string(name) + " needs a value";
    }
    const std::string bad_value = "bad value for " + std::string(name) + ": " + std::string(value);
    if (name == "--host") {
      options.host = value;
    } else if (name == "--port") {
      if (!parse_number(value, &options.port) || options.port < 0 || options.port > 65535)
        return bad_value;
    } else if (name == "--seed-users") {
      if (!parse_number(value, &options.seed_users)) return bad_value;
    } else if (name == "--seed") {
      if (!parse_number(value, &options.seed)) return bad_value;
    } else if (name == "--token") {
      options.token = value;
    } else if (name == "--application-id") {
      options.application_id = value;
    } else if (name == "--tls-cert") {
      options.tls_cert_path = std::string(value);
    } else if (name == "--tls-key") {
      options.tls_key_path = std::string(value);
    } else if (name == "--latency") {
      const auto latency = losant::emulator::parse_duration(value);
      if (!latency) return bad_value;
      options.latency = *latency;
    } else if (name == "--fault") {
      std::string error;
      std::optional<FaultSpec> spec = losant::emulator::parse_fault_spec(value, &error);
      if (!spec) return "bad --fault " + std::string(value) + ": " + error;
      arguments->faults.push_back(std::move(*spec));
    } else {
      return "unknown option " + std::string(name);
    }
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  Arguments arguments;
  if (const auto error = parse_arguments(argc, argv, &arguments)) {
    if (error->empty()) {
      std::cout << kUsage;
      return 0;
    }
    std::cerr << "losant-emulator: " << *error << "\n\n" << kUsage;
    return 2;
  }

  // Block the stop signals before any thread exists, so that every thread inherits the mask and
  // sigwait() below is the only place they are received. A shell starts background jobs with
  // SIGINT ignored, and an ignored signal never reaches sigwait(): restore the default first.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    Emulator emulator(arguments.options);
    for (FaultSpec& spec : arguments.faults) emulator.add_fault(spec.route, std::move(spec.fault));
    if (!emulator.start()) {
      std::cerr << "losant-emulator: cannot serve on " << arguments.options.host << ":"
                << arguments.options.port
                << (arguments.options.tls_cert_path
                        ? " (or cannot load the TLS certificate and key)"
                        : "")
                << '\n';
      return 1;
    }
    std::cout << banner(emulator) << std::flush;  // Flushed: scripts wait for these lines.

    int received = 0;
    sigwait(&stop_signals, &received);
    emulator.stop();
  } catch (const std::exception& e) {
    std::cerr << "losant-emulator: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
