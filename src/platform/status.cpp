#include "platform/status.hpp"

namespace renkei {

const char* CodeName(Code c) {
  switch (c) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: return "invalid_argument";
    case Code::kUnauthenticated: return "unauthenticated";
    case Code::kPermissionDenied: return "permission_denied";
    case Code::kNotFound: return "not_found";
    case Code::kConflict: return "conflict";
    case Code::kTooManyRequests: return "too_many_requests";
    case Code::kFailedPrecondition: return "failed_precondition";
    case Code::kUnavailable: return "unavailable";
    case Code::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  std::string s = CodeName(code_);
  if (!message_.empty()) s += ": " + message_;
  if (!detail_.empty()) s += " (" + detail_ + ")";
  return s;
}

}  // namespace renkei
