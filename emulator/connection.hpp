// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Ending a connection from inside a cpp-httplib handler without sending a response.
#pragma once

namespace httplib {
struct Request;
}  // namespace httplib

namespace losant::emulator::detail {

/**
 * Shuts down (both directions) the socket that carries @p request, so that the client reads end
 * of stream where it expects a status line; cpp-httplib still owns and later closes the socket.
 * Must be called from the handler serving @p request. Returns false if the socket was not found.
 *
 * Why this is needed: cpp-httplib 0.11.4 writes the status line and headers before it asks a
 * content provider for the body, and it gives handlers no access to the socket; so a connection
 * that must close before any byte of the response is found here from the request's addresses
 * and ports (TLS: from the SSL object).
 */
bool shutdown_connection(const httplib::Request& request);

}  // namespace losant::emulator::detail
