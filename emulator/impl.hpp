// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// The state behind the public Emulator, shared by server.cpp (cpp-httplib set-up and the
/// lifecycle) and emulator.cpp (requests, faults and the public methods).
#pragma once

#include <httplib.h>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "faults.hpp"
#include "reply.hpp"
#include "routes.hpp"
#include "store.hpp"
#include "types.hpp"

namespace losant::experience_users::testing {

namespace detail = emulator::detail;
using detail::Reply;
using detail::StreamedBody;
using detail::Target;

struct Emulator::Impl {
  explicit Impl(EmulatorOptions opts);

  std::unique_ptr<httplib::Server> make_server();
  bool bind(httplib::Server& server);
  // With lifecycle_mutex held: a new bound server, marked serving (nullptr if it cannot bind).
  httplib::Server* prepare_server();
  void serve(httplib::Server& server);  // Runs the accept loop, then marks the end of serving.
  void stop_serving();                  // With lifecycle_mutex held. Idempotent.
  bool is_serving();
  bool wait_unless_stopping(std::chrono::milliseconds duration);

  void handle(const httplib::Request& request, httplib::Response& response);
  void record(const httplib::Request& request, bool is_authorized);
  std::optional<Fault> take_fault(Route route, const httplib::Params& params);
  Reply execute(const Target& target, const httplib::Request& request);
  bool authorized(const httplib::Request& request) const;
  void seed();  // The users and groups of a new emulator.
  void inject(const Fault& fault, const Target& target, const httplib::Request& request,
              httplib::Response& response);
  void stream(httplib::Response& response, const Reply& reply, StreamedBody body);
  void drop(const httplib::Request& request, httplib::Response& response);

  const EmulatorOptions options;
  detail::Store store;

  // start()/stop()/listen_blocking() run one at a time.
  std::mutex lifecycle_mutex;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  std::atomic<int> bound_port{0};
  std::atomic<socket_t> listen_socket{INVALID_SOCKET};  // remembered to widen its backlog

  // `serving` is true while listen_after_bind() runs; `stopping` wakes the waits of kDelay and
  // kDrip, so that stop() never waits for an injected delay.
  std::mutex state_mutex;
  std::condition_variable state_changed;
  bool serving = false;
  bool stopping = false;

  struct PendingFault {
    Route route;
    Fault fault;  // fault.count: the requests it still applies to.
  };
  std::mutex faults_mutex;
  std::deque<PendingFault> faults;  // In the order added; kAny entries interleave with the rest.

  mutable std::mutex recorded_mutex;
  std::deque<RecordedRequest> recorded;
  std::atomic<std::size_t> received{0};
};

namespace emulator_internal {
/// Sends @p reply as the whole response (uncompressed, with a Content-Length).
void send(httplib::Response& response, const detail::Reply& reply);
}  // namespace emulator_internal

}  // namespace losant::experience_users::testing
