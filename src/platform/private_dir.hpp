#pragma once
// A directory only this process's user may enter, for files strangers send (uploads, imports waiting for
// their preview). Made with mode 0700 when missing; one that exists must be a real directory (not a
// link), owned by this user, and closed to group and others, or it is refused: in a shared /tmp another
// user could have made it first to read or swap what we write there.
#include <string>

#include "platform/status.hpp"

namespace renkei::files {

// `path`, or <tmp>/<name>-<uid> when path is empty; created or checked as above. Returns the path.
Result<std::string> PrivateDirectory(const std::string& path, const std::string& name);

// Creates `path` for writing with mode 0600, failing when it exists (O_EXCL) or is a link. Returns the
// open file descriptor; the caller closes it.
Result<int> CreatePrivateFile(const std::string& path);

}  // namespace renkei::files
