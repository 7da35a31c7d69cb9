// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
// Requests as the Emulator serves them (record, fault or route), faults applied to the
// connection, and the public methods on the data. Routing and the operations: routes.cpp; the
// cpp-httplib set-up and the lifecycle: server.cpp.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>

#include "connection.hpp"
#include "impl.hpp"
#include "recording.hpp"
#include "text.hpp"

namespace losant::experience_users::testing {
namespace {

using emulator_internal::send;

// cpp-httplib adds these pseudo-headers to every request; they were not received.
bool is_pseudo_header(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
         name == "LOCAL_PORT";
}

// The current time as an HTTP-date (IMF-fixdate, RFC 9110 section 5.6.7), whatever the locale.
std::string http_date_now() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return text;
}

// The status line and extra headers of @p reply (and a Date, as an origin server with a clock
// sends); the body is set separately.
void set_head(httplib::Response& response, const Reply& reply) {
  response.status = reply.status;
  response.set_header("Date", http_date_now());
  for (const auto& [name, value] : reply.headers) response.set_header(name, value);
}

}  // namespace

namespace emulator_internal {

void send(httplib::Response& response, const Reply& reply) {
  set_head(response, reply);
  // A provider with a known length is sent as it is: with set_content(), cpp-httplib would
  // compress every body for clients that accept br or gzip (the SDK does), at a CPU cost that
  // dwarfs a loopback transfer and would make the emulator the bottleneck of every benchmark.
  // The SDK's decompression is tested against its own test servers instead.
  if (reply.body.empty()) {
    // A zero-length provider would leave the response without a Content-Length.
    response.set_content(std::string(), reply.content_type);
    return;
  }
  auto body = std::make_shared<const std::string>(reply.body);
  response.set_content_provider(
      body->size(), reply.content_type,
      [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(body->data() + offset, length);
      });
}

}  // namespace emulator_internal

// ---- requests ----------------------------------------------------------------------------------
void Emulator::Impl::record(const httplib::Request& request, bool is_authorized) {
  ++received;
  if (options.max_recorded_requests == 0) return;
  detail::Received what{request.method, request.target, {}, request.body, is_authorized};
  for (const auto& [name, value] : request.headers) {
    if (!is_pseudo_header(name)) what.headers.emplace_back(name, value);
  }
  RecordedRequest entry = detail::make_recorded(std::move(what), options.record_authorization);
  std::lock_guard lock(recorded_mutex);
  recorded.push_back(std::move(entry));
  while (recorded.size() > options.max_recorded_requests) recorded.pop_front();
}

std::optional<Fault> Emulator::Impl::take_fault(Route route, const httplib::Params& params) {
  const auto has = [&params](const std::pair<const std::string, std::string>& wanted) {
    const auto [first, last] = params.equal_range(wanted.first);
    return std::any_of(first, last, [&wanted](const auto& p) { return p.second == wanted.second; });
  };
  std::lock_guard lock(faults_mutex);
  const auto it = std::find_if(faults.begin(), faults.end(), [&](const PendingFault& pending) {
    return (pending.route == Route::kAny || pending.route == route) &&
           std::all_of(pending.fault.when_query.begin(), pending.fault.when_query.end(), has);
  });
  if (it == faults.end()) return std::nullopt;
  const Fault fault = it->fault;
  if (--it->fault.count == 0) faults.erase(it);
  return fault;
}

void Emulator::Impl::handle(const httplib::Request& request, httplib::Response& response) {
  record(request, authorized(request));
  // A far server: nothing is answered (or faulted) before the latency has passed.
  if (options.latency.count() > 0) std::this_thread::sleep_for(options.latency);
  const std::optional<Target> target = detail::match_route(request.method, request.path);
  if (!target) {
    send(response, detail::not_found("Route was not found"));
    return;
  }
  if (const std::optional<Fault> fault = take_fault(target->route, request.params)) {
    inject(*fault, *target, request, response);
    return;
  }
  send(response, execute(*target, request));
}

bool Emulator::Impl::authorized(const httplib::Request& request) const {
  static constexpr std::string_view kScheme = "Bearer ";
  const std::string value = request.get_header_value("Authorization");
  return value.size() > kScheme.size() &&
         detail::iequals(std::string_view(value).substr(0, kScheme.size()), kScheme) &&
         std::string_view(value).substr(kScheme.size()) == options.token;
}

Reply Emulator::Impl::execute(const Target& target, const httplib::Request& request) {
  const detail::Call call{request.method, request.params, request.body, authorized(request)};
  return detail::execute(detail::Served{store, options.application_id}, target, call);
}

// ---- faults ------------------------------------------------------------------------------------
void Emulator::Impl::inject(const Fault& fault, const Target& target,
                            const httplib::Request& request, httplib::Response& response) {
  using Kind = Fault::Kind;
  switch (fault.kind) {
    case Kind::kStatus: send(response, detail::status_fault_reply(fault)); return;
    case Kind::kHtmlBody: send(response, detail::html_fault_reply()); return;
    case Kind::kWrongTypes: send(response, detail::wrong_types_reply(target.route)); return;
    case Kind::kEmpty200: send(response, Reply{200, "", detail::kJsonContentType, {}}); return;
    case Kind::kCloseBeforeResponse: drop(request, response); return;
    case Kind::kApplyThenDrop:
      execute(target, request);
      drop(request, response);
      return;
    case Kind::kDelay:
      if (!wait_unless_stopping(fault.delay)) {
        drop(request, response);
        return;
      }
      send(response, execute(target, request));
      return;
    case Kind::kTruncatedBody: {
      Reply reply = execute(target, request);
      reply.body.resize(reply.body.size() / 2);
      send(response, reply);
      return;
    }
    case Kind::kCloseMidBody: {
      const Reply reply = execute(target, request);
      StreamedBody body;
      body.head = reply.body;
      body.close_at = reply.body.size() / 2;
      stream(response, reply, std::move(body));
      return;
    }
    case Kind::kDrip: {
      const Reply reply = execute(target, request);
      StreamedBody body;
      body.head = reply.body;
      body.piece = fault.bytes > 0 ? fault.bytes : detail::kDefaultDripBytes;
      body.pause = fault.delay;
      stream(response, reply, std::move(body));
      return;
    }
    case Kind::kOversizedBody: {
      const Reply reply = execute(target, request);
      stream(response, reply, detail::oversized_body(reply, fault.bytes));
      return;
    }
  }
}

void Emulator::Impl::stream(httplib::Response& response, const Reply& reply, StreamedBody body) {
  set_head(response, reply);
  const std::size_t size = body.size();
  // cpp-httplib sends the status line and headers (Content-Length: size) before it calls the
  // provider; a provider that returns false makes it close the connection at once.
  response.set_content_provider(
      size, reply.content_type,
      [this, body = std::move(body)](std::size_t offset, std::size_t length,
                                     httplib::DataSink& sink) {
        if (offset >= body.close_at) return false;
        if (offset > 0 && body.pause.count() > 0 && !wait_unless_stopping(body.pause)) return false;
        return body.write(offset, std::min({length, body.piece, body.close_at - offset}),
                          [&sink](const char* data, std::size_t piece_size) {
                            return sink.write(data, piece_size);
                          });
      });
}

void Emulator::Impl::drop(const httplib::Request& request, httplib::Response& response) {
  if (detail::shutdown_connection(request)) return;
  // Not expected to happen; the closest substitute is to close right after the headers.
  response.set_content_provider(1, detail::kJsonContentType,
                                [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
}

// ---- Emulator ----------------------------------------------------------------------------------
Fault Fault::of(Kind kind, int count) {
  Fault fault;
  fault.kind = kind;
  fault.count = count;
  return fault;
}

Fault Fault::http_status(int status, std::optional<std::string> retry_after, int count) {
  Fault fault;
  fault.kind = Kind::kStatus;
  fault.status = status;
  fault.retry_after = std::move(retry_after);
  fault.count = count;
  return fault;
}

Fault Fault::delayed(std::chrono::milliseconds delay, int count) {
  Fault fault;
  fault.kind = Kind::kDelay;
  fault.delay = delay;
  fault.count = count;
  return fault;
}

std::size_t Emulator::user_count() const {
  return impl_->store.user_count();
}

std::vector<Group> Emulator::groups() const {
  return impl_->store.groups();
}

std::string Emulator::add_group(const std::string& name,
                                const std::optional<std::string>& parent_id) {
  return impl_->store.add_group(name, parent_id);
}

std::string Emulator::add_user(const UserSeed& user) {
  return detail::add_seed_user(impl_->store, user);
}

void Emulator::reset() {
  {
    std::lock_guard lock(impl_->faults_mutex);
    impl_->faults.clear();
  }
  impl_->store.reset();
  impl_->seed();
  std::lock_guard lock(impl_->recorded_mutex);
  impl_->recorded.clear();
  impl_->received = 0;
}

std::vector<std::string> Emulator::find_by_email(const std::string& email) const {
  return impl_->store.find_by_email(email);
}

void Emulator::add_fault(Route route, Fault fault) {
  if (fault.count <= 0) return;
  std::lock_guard lock(impl_->faults_mutex);
  impl_->faults.push_back({route, std::move(fault)});
}

void Emulator::clear_faults() {
  std::lock_guard lock(impl_->faults_mutex);
  impl_->faults.clear();
}

std::vector<RecordedRequest> Emulator::requests() const {
  std::lock_guard lock(impl_->recorded_mutex);
  return {impl_->recorded.begin(), impl_->recorded.end()};
}

void Emulator::clear_requests() {
  std::lock_guard lock(impl_->recorded_mutex);
  impl_->recorded.clear();
}

std::size_t Emulator::request_count() const {
  return impl_->received;
}

}  // namespace losant::experience_users::testing
