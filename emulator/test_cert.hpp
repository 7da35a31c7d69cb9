// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// A throwaway TLS certificate for running the emulator over HTTPS in tests.
#pragma once

#include <string>

namespace losant::emulator {

/**
 * Writes a new self-signed certificate (`cert.pem`) and its private key (`key.pem`, mode 0600)
 * into the existing directory @p dir. The certificate is for `CN=localhost` with
 * subjectAltName `DNS:localhost, IP:127.0.0.1`, uses an EC P-256 key, is valid from an hour ago
 * for 30 days, and is its own trust anchor: give `cert.pem` to a client as its CA file.
 *
 * On success stores the two paths (each pointer may be null) and returns true; on failure
 * stores a description in @p error (if given) and returns false.
 */
bool write_test_certificate(const std::string& dir, std::string* cert_path, std::string* key_path,
                            std::string* error);

}  // namespace losant::emulator
