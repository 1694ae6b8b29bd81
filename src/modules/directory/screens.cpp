// The staff's and the facilities' own pages: what each shows, in one service call, so that the routes
// make one call and the views are pure functions of the result.
#include "modules/directory/service.hpp"

namespace renkei::directory {

Result<FacilityDetail> DirectoryService::EditForm(const security::Principal& by, const std::string& id) {
  auto d = Fresh(id, true);
  if (!d.ok()) return d.status();
  if (!CanEdit(by, *d)) return Status::PermissionDenied("@error.forbidden");
  return d;
}

Result<FacilityDetail> DirectoryService::Edited(const security::Principal& by, const std::string& addr, const std::string& id,
                                                const std::vector<std::pair<std::string, std::string>>& fields) {
  if (auto s = Edit(by, addr, id, fields); !s.ok()) return s;
  return Fresh(id, true);
}

Result<DirectoryService::HistoryScreen> DirectoryService::HistoryOf(const security::Principal& by, const std::string& id) {
  auto d = EditForm(by, id);
  if (!d.ok()) return d.status();
  auto changes = History(d->id);
  return HistoryScreen{std::move(d.value()), std::move(changes)};
}

Result<DirectoryService::OwnScreen> DirectoryService::MyFacilities(const security::Principal& by) {
  if (!by.can(security::Permission::kEditOwnFacility)) return Status::PermissionDenied("@error.forbidden");
  OwnScreen s;
  s.facilities = OwnFacilities(by);
  if (auto requests = Requests(by, ""); requests.ok()) s.requests = std::move(requests.value());
  return s;
}

}  // namespace renkei::directory
