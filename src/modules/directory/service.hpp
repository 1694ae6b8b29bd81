#pragma once
// The directory (item ア): imports of the national open data, search, and what the pages and the API
// read. Imports are one transaction per file: a file that cannot be read changes nothing.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/directory/importers.hpp"
#include "modules/directory/store.hpp"
#include "platform/security/accounts.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::directory {

struct ImportSummary {
  std::string file;
  std::string layout;
  std::string encoding;
  int added = 0, updated = 0, unchanged = 0, skipped_outside = 0, kept_outside = 0;
  int skipped_other_town = 0;  // rows of (or naming a facility of) a town the importer does not edit
  std::vector<RejectedRow> rejected;
  bool dry_run = false;  // a preview: nothing was written
};

struct SearchRequest {
  std::string q;             // free text; words separated by spaces must all occur
  std::string municipality;  // 6-digit code
  std::string kind;
  std::string service;
  std::string attribute;
  std::string sort;       // relevance | kana | distance
  std::string near;       // "LAT,LON"
  std::string open_day;   // mon … sun, hol: open on that day …
  std::string open_time;  // … at that time, "HH:MM" (both or neither)
  bool include_outside = false;
  int page = 1;
  int per_page = 20;  // at most 100
};

// An organisation made by hand (the hub, a support centre) rather than imported.
struct NewOrganization {
  std::string id;  // empty: a new opaque id (the demo fixes its ids so its accounts can name them)
  std::string name, kana, kind, municipality_code, phone, address;
  bool sample = false;
  std::vector<std::string> attributes;
  std::vector<std::string> services;
};

struct ImportRun;  // one import's transaction and scope (service.cpp)

class DirectoryService {
 public:
  explicit DirectoryService(storage::Database& db) : db_(db) {}

  // Reads a file's bytes in the given format. Needs kManageDirectory; municipal staff import the
  // facilities of their own town only, as they edit by hand (rows of other towns, or naming a facility of
  // another town, are counted in skipped_other_town and left alone; so are rows outside the region). With
  // dry_run, reports what would change and writes nothing. progress, when given, hears (records done,
  // records in the file) now and then.
  Result<ImportSummary> Import(const security::Principal& by, const std::string& addr, std::string_view bytes, const std::string& file_name,
                               ImportFormat format, bool keep_outside, bool dry_run = false,
                               const std::function<void(size_t, size_t)>& progress = {});
  // max_per_page bounds r.per_page: 100 for pages and the API, more for the map (every match at once).
  // The page is shared with the search cache: read it, never change it.
  Result<SearchPage> Search(const SearchRequest& r, int max_per_page = 100);
  // A facility by id; those outside the region only when asked. Read from memory once read at this
  // version of the directory (SearchIndex::Facility).
  Result<FacilityDetail> Get(const std::string& id, bool include_outside = false);
  // The same as a shared page of one item, whose memo keeps its renderings (the API's and FHIR's JSON).
  Result<SearchPage> Shared(const std::string& id, bool include_outside = false);
  Result<SearchPage> SharedFor(const security::Principal* viewer, const std::string& id);
  // A facility from the database itself, for its editors (never a page one rebuild old).
  Result<FacilityDetail> Fresh(const std::string& id, bool include_outside = false);

  // What a viewer sees (nullptr: someone not logged in). The public sees the region's facilities;
  // anyone fully logged in also those outside it (hospitals of neighbouring towns), when asked for in
  // a search (r.include_outside) and always by id.
  static bool SeesOutside(const security::Principal* viewer);
  Result<SearchPage> SearchFor(const security::Principal* viewer, SearchRequest r, int max_per_page = 100);
  Result<FacilityDetail> GetFor(const security::Principal* viewer, const std::string& id);
  // A facility's public page: the facility, its services and opening hours, and whether the viewer
  // may edit it.
  struct FacilityPage {
    FacilityDetail detail;
    std::vector<ServiceDetail> services;
    std::vector<OpeningHours> hours;
    bool can_edit = false;
  };
  Result<FacilityPage> PageFor(const security::Principal* viewer, const std::string& id);
  // The update requests waiting for the directory's staff, each with the facility as it is now
  // (nothing when it is gone); PermissionDenied without kManageDirectory.
  struct PendingRequest {
    UpdateRequest request;
    std::optional<FacilityDetail> current;
  };
  Result<std::vector<PendingRequest>> PendingRequests(const security::Principal& by);
  Result<std::string> CreateOrganization(const NewOrganization& n, const security::Actor& by);
  std::vector<Facility> ListOrganizations();
  std::vector<std::pair<std::string, long long>> ServiceNames();
  std::vector<ChangeRow> History(const std::string& id);

  // Staff edit: each field becomes a local override that later imports leave alone (the national value
  // is kept beside it). Needs kManageDirectory; municipal staff edit facilities of their own town only.
  // Fields: the tracked fields of model.hpp, and "attributes" (comma-separated codes).
  Status Edit(const security::Principal& by, const std::string& addr, const std::string& id,
              const std::vector<std::pair<std::string, std::string>>& fields);

  // May this person edit this facility (staff of its town, or an admin)?
  static bool CanEdit(const security::Principal& by, const FacilityDetail& f);

  // Update requests. A facility editor proposes changes to a facility they belong to (fields as for
  // Edit, except kind and coordinates); staff who may edit it approve (the change is applied as a local
  // override, by the reviewer) or reject with a comment.
  Result<std::string> RequestUpdate(const security::Principal& by, const std::string& addr, const std::string& facility_id,
                                    const std::vector<std::pair<std::string, std::string>>& fields, const std::string& note);
  // Staff: pending (or any status) requests of facilities they may edit. Editors: their facilities' requests.
  Result<std::vector<UpdateRequest>> Requests(const security::Principal& by, const std::string& status);
  Status Review(const security::Principal& by, const std::string& addr, const std::string& request_id, bool approve,
                const std::string& comment);
  // The facilities an account belongs to (facility editors' own entries).
  std::vector<FacilityDetail> OwnFacilities(const security::Principal& by);

  static Keys KeysOf(const FacilityRecord& r, const std::vector<std::string>& attributes);

  // The staff's and the facilities' own pages (screens.cpp).
  // A facility for its editor (CanEdit, else PermissionDenied).
  Result<FacilityDetail> EditForm(const security::Principal& by, const std::string& id);
  // Edit, then the facility as it is now, with its overrides.
  Result<FacilityDetail> Edited(const security::Principal& by, const std::string& addr, const std::string& id,
                                const std::vector<std::pair<std::string, std::string>>& fields);
  struct HistoryScreen {
    FacilityDetail detail;
    std::vector<ChangeRow> changes;
  };
  Result<HistoryScreen> HistoryOf(const security::Principal& by, const std::string& id);
  // A facility editor's page: their facilities and the requests they sent (kEditOwnFacility).
  struct OwnScreen {
    std::vector<FacilityDetail> facilities;
    std::vector<UpdateRequest> requests;
  };
  Result<OwnScreen> MyFacilities(const security::Principal& by);

 private:
  void ImportHours(const ImportRun& run, const FacilityRecord& rec, ImportSummary& sum);
  void ImportRecord(const ImportRun& run, FacilityRecord& rec, ImportSummary& sum, size_t line);
  void UpdateFromImport(const ImportRun& run, const std::string& id, const FacilityDetail& current, FacilityRecord rec, bool outside,
                        ImportSummary& sum);
  // Applies fields to a loaded facility inside tx: overrides, history, search keys.
  Status Apply(soci::session& sql, const std::string& actor, const FacilityDetail& cur,
               const std::vector<std::pair<std::string, std::string>>& fields);
  storage::Database& db_;
};

}  // namespace renkei::directory
