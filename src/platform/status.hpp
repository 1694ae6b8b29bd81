#pragma once
// Errors travel as values. A Status carries a code (mapped to HTTP in one place, app/errors.cpp), a
// message safe to show the user (already in their language, or a catalogue key), and a detail for the log.
#include <string>
#include <utility>
#include <variant>

namespace renkei {

enum class Code {
  kOk,
  kInvalidArgument,     // the input is wrong; the user can fix it (400/422)
  kUnauthenticated,     // no valid login (401)
  kPermissionDenied,    // logged in, not allowed (403)
  kNotFound,            // no such record, or not visible to this user (404)
  kConflict,            // unique key taken, stale version (409)
  kTooManyRequests,     // throttled (429)
  kFailedPrecondition,  // state forbids it now, e.g. database newer than binary
  kUnavailable,         // database unreachable (503)
  kInternal,            // a bug or an unexpected failure (500)
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string msg, std::string detail = {}) {
    return {Code::kInvalidArgument, std::move(msg), std::move(detail)};
  }
  static Status Unauthenticated(std::string msg, std::string detail = {}) {
    return {Code::kUnauthenticated, std::move(msg), std::move(detail)};
  }
  static Status PermissionDenied(std::string msg, std::string detail = {}) {
    return {Code::kPermissionDenied, std::move(msg), std::move(detail)};
  }
  static Status NotFound(std::string msg, std::string detail = {}) { return {Code::kNotFound, std::move(msg), std::move(detail)}; }
  static Status Conflict(std::string msg, std::string detail = {}) { return {Code::kConflict, std::move(msg), std::move(detail)}; }
  static Status TooManyRequests(std::string msg, std::string detail = {}) {
    return {Code::kTooManyRequests, std::move(msg), std::move(detail)};
  }
  static Status FailedPrecondition(std::string msg, std::string detail = {}) {
    return {Code::kFailedPrecondition, std::move(msg), std::move(detail)};
  }
  static Status Unavailable(std::string msg, std::string detail = {}) { return {Code::kUnavailable, std::move(msg), std::move(detail)}; }
  static Status Internal(std::string msg, std::string detail = {}) { return {Code::kInternal, std::move(msg), std::move(detail)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }  // shown to the user
  const std::string& detail() const { return detail_; }    // written to the log only
  std::string ToString() const;
  // Seconds a throttled caller should wait (Retry-After); 0 when not throttled.
  int retry_after() const { return retry_after_; }
  Status WithRetryAfter(int seconds) && {
    retry_after_ = seconds;
    return std::move(*this);
  }

 private:
  Status(Code c, std::string m, std::string d) : code_(c), message_(std::move(m)), detail_(std::move(d)) {}
  Code code_ = Code::kOk;
  std::string message_;
  std::string detail_;
  int retry_after_ = 0;
};

// Result<T> holds a value or a failed Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Status s) : v_(std::move(s)) {}
  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }

 private:
  std::variant<T, Status> v_;
};

const char* CodeName(Code c);

// A problem with one field of a form or JSON body: the field's name and a message (usually a catalogue
// key, "@consult.error.required"), so that a page can show every problem beside what was typed.
struct FieldError {
  std::string field;
  std::string message;
};

}  // namespace renkei
