// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
#include "test_cert.hpp"

#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace losant::emulator {
namespace {

constexpr long kValidBeforeNowSeconds = 60L * 60;  // Tolerates some clock skew.
constexpr long kValidAfterNowSeconds = 30L * 24 * 60 * 60;

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* pointer) const { Free(pointer); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

// The reason of the last OpenSSL failure, for @p what.
std::string openssl_error(const std::string& what) {
  std::array<char, 256> text{};
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return what;
  ERR_error_string_n(code, text.data(), text.size());
  return what + ": " + text.data();
}

bool fail(std::string* error, const std::string& message) {
  if (error != nullptr) *error = message;
  return false;
}

bool add_extension(X509* cert, X509V3_CTX* context, int nid, const char* value) {
  const ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, context, nid, value));
  return extension != nullptr && X509_add_ext(cert, extension.get(), -1) == 1;
}

// A self-signed certificate for localhost, signed with @p key.
CertPtr make_certificate(EVP_PKEY* key) {
  CertPtr cert(X509_new());
  const BignumPtr serial(BN_new());
  if (!cert || !serial || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr ||
      X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kValidBeforeNowSeconds) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidAfterNowSeconds) == nullptr ||
      X509_set_pubkey(cert.get(), key) != 1) {
    return nullptr;
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>("localhost"), -1, -1,
                                 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1) {
    return nullptr;
  }
  // A leaf that is its own trust anchor: no keyUsage (with one, OpenSSL would also want
  // keyCertSign before treating the certificate as self-signed).
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
  if (!add_extension(cert.get(), &context, NID_basic_constraints, "critical,CA:FALSE") ||
      !add_extension(cert.get(), &context, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1") ||
      !add_extension(cert.get(), &context, NID_ext_key_usage, "serverAuth") ||
      !add_extension(cert.get(), &context, NID_subject_key_identifier, "hash") ||
      X509_sign(cert.get(), key, EVP_sha256()) == 0) {
    return nullptr;
  }
  return cert;
}

// Writes @p path with @p mode (also when it already exists) through @p write(FILE*).
template <typename Write>
bool write_file(const std::string& path, mode_t mode, Write write, std::string* error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return fail(error, "cannot create " + path + ": " + std::strerror(errno));
  FILE* file = ::fchmod(fd, mode) == 0 ? fdopen(fd, "w") : nullptr;
  if (file == nullptr) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    return fail(error, "cannot write " + path + ": " + reason);
  }
  const bool written = write(file);
  const bool closed = std::fclose(file) == 0;  // Flushes: a full disk shows here.
  if (!written || !closed) return fail(error, openssl_error("writing " + path));
  return true;
}

}  // namespace

bool write_test_certificate(const std::string& dir, std::string* cert_path, std::string* key_path,
                            std::string* error) {
  const KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return fail(error, openssl_error("generating the P-256 key"));
  const CertPtr cert = make_certificate(key.get());
  if (!cert) return fail(error, openssl_error("building the certificate"));

  const std::string cert_file = dir + "/cert.pem";
  const std::string key_file = dir + "/key.pem";
  const auto write_key = [&key](FILE* file) {
    return PEM_write_PrivateKey(file, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
  };
  const auto write_cert = [&cert](FILE* file) { return PEM_write_X509(file, cert.get()) == 1; };
  if (!write_file(key_file, 0600, write_key, error) ||
      !write_file(cert_file, 0644, write_cert, error)) {
    return false;
  }
  if (cert_path != nullptr) *cert_path = cert_file;
  if (key_path != nullptr) *key_path = key_file;
  return true;
}

}  // namespace losant::emulator
