#include "platform/storage/columns.hpp"

namespace renkei::storage {

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out = ",";
  for (const auto& c : codes) out += c + ",";
  return out;
}

std::vector<std::string> SplitCodes(const std::string& stored) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < stored.size()) {
    size_t end = stored.find(',', start);
    if (end == std::string::npos) end = stored.size();
    if (end > start) out.push_back(stored.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace renkei::storage
