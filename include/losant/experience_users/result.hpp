// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
/// @file
/// Result<T>: a value or an Error.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "losant/experience_users/error.hpp"

namespace losant::experience_users {

/**
 * Holds either a `T` or an Error. Every SDK call returns one; nothing else throws.
 *
 * Callers who prefer exceptions call value(), which throws Exception when there is no value.
 * On an rvalue (a call's result used directly, or `std::move(r)`), value() and operator*()
 * move the value out instead of copying it. error() is defined on a success too: it returns
 * Error::none() (kind ErrorKind::kNone).
 *
 * @par Example
 * @code
 * Result<ExperienceUser> r = client.get(app, id);
 * if (r) std::cout << r->email;                  // checked access
 * ExperienceUser u = client.get(app, id).value(); // throws losant::experience_users::Exception
 * @endcode
 */
template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::decay_t<T>, Error>, "Result<Error> is not meaningful");

 public:
  /// A successful result.
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(implicit)
  /// A failed result.
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(implicit)

  /// True when a value is present.
  bool ok() const noexcept { return v_.index() == 0; }
  /// Same as ok().
  explicit operator bool() const noexcept { return ok(); }

  /// The value; throws Exception carrying the error when there is none.
  T& value() & {
    check();
    return std::get<0>(v_);
  }
  /// @copydoc value()
  const T& value() const& {
    check();
    return std::get<0>(v_);
  }
  /// @copydoc value()
  T&& value() && {
    check();
    return std::get<0>(std::move(v_));
  }

  /// The error; on a success, Error::none() (kind ErrorKind::kNone), never an exception.
  const Error& error() const& {
    if (const Error* e = std::get_if<1>(&v_)) return *e;
    return Error::none();
  }
  /// The error, moved out; on a success, a copy of Error::none().
  Error error() && {
    if (Error* e = std::get_if<1>(&v_)) return std::move(*e);
    return Error::none();
  }

  /// Unchecked access to the value. Precondition: ok().
  T& operator*() & { return std::get<0>(v_); }
  /// @copydoc operator*()
  const T& operator*() const& { return std::get<0>(v_); }
  /// Unchecked access to the value, moved out of this rvalue. Precondition: ok().
  T&& operator*() && { return std::get<0>(std::move(v_)); }
  /// @copydoc operator*()
  T* operator->() { return &std::get<0>(v_); }
  /// @copydoc operator*()
  const T* operator->() const { return &std::get<0>(v_); }

 private:
  void check() const {
    if (!ok()) throw Exception(std::get<1>(v_));
  }
  std::variant<T, Error> v_;
};

}  // namespace losant::experience_users
