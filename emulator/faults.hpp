// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// What injected faults send: their canned replies and the bodies streamed in pieces. How a
/// fault is applied to a connection (closing it, pausing) is the server's part (emulator.cpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <limits>
#include <string>

#include "reply.hpp"
#include "types.hpp"

namespace losant::emulator::detail {

/// Streamed fault bodies are written in pieces of at most this size.
inline constexpr std::size_t kStreamPiece = 64 * 1024;
/// kDrip sends this many bytes per step unless Fault::bytes says otherwise.
inline constexpr std::size_t kDefaultDripBytes = 8;

/// kStatus: @p fault's status with a Losant error body and its Retry-After.
Reply status_fault_reply(const Fault& fault);
/// kHtmlBody: a proxy's 502 page.
Reply html_fault_reply();
/// kWrongTypes: well-formed JSON whose fields have the wrong types, with @p route's success
/// status.
Reply wrong_types_reply(Route route);

/// A response body sent by a content provider: `head`, then `padding` bytes of `x`, then
/// `tail`; in pieces of `piece` bytes with `pause` between them; the connection is closed once
/// `close_at` bytes have been sent.
struct StreamedBody {
  std::string head;
  std::size_t padding = 0;
  std::string tail;
  std::size_t piece = kStreamPiece;
  std::chrono::milliseconds pause{0};
  std::size_t close_at = std::numeric_limits<std::size_t>::max();

  std::size_t size() const { return head.size() + padding + tail.size(); }

  /// Writes bytes [offset, offset + count) of the body through @p write (false: stop).
  bool write(std::size_t offset, std::size_t count,
             const std::function<bool(const char*, std::size_t)>& write) const;
};

/// kOversizedBody: @p reply's JSON object with a leading `"padding"` member that makes it at
/// least @p bytes long (still valid JSON, the same answer for a client that ignores it).
StreamedBody oversized_body(const Reply& reply, std::size_t bytes);

}  // namespace losant::emulator::detail
