#pragma once
// What the directory's pages and API answers show: pure functions from the services' results to page
// data for the templates in views/ and to JSON. Search pages are cached with their rendering (the
// page's memo), so a repeated query copies bytes.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "modules/directory/imports.hpp"
#include "modules/directory/service.hpp"
#include "platform/http/parse.hpp"
#include "platform/web/views.hpp"

namespace renkei::directory::views {

// The map's tiles and their attribution (the app's configuration).
struct MapTiles {
  std::string url, attribution;
};

// The query string of a search page (?q=…&page=N), from the request's query.
std::string SearchQuery(const http::Params& q, int page);

// ---- public ----
// A search page; `error` (a message) when the search was refused.
web::Data SearchPageData(const SearchRequest& r, const SearchResult* found, const std::string& error, const http::Params& q,
                         const MapTiles& map, const std::string& lang);
web::Data FacilityPageData(const DirectoryService::FacilityPage& page, const MapTiles& map, const http::Params& q, const std::string& lang);

// ---- staff ----
web::Data ImportFormData(const std::string& format, const std::string& error);
web::Data PreviewData(const PreviewScreen& p);
web::Data JobPageData(const JobState& j, const std::string& token);
web::Data AdminHomeData(const std::vector<DirectoryService::PendingRequest>& requests, const http::Params& q, const std::string& lang);
web::Data EditFormData(const FacilityDetail& d, const std::string& error, const std::string& lang);
web::Data HistoryData(const DirectoryService::HistoryScreen& s, const std::string& lang);
web::Data MyFacilityData(const DirectoryService::OwnScreen& s, const http::Params& q, const std::string& lang);

// ---- JSON ----
boost::json::object FacilityJson(const FacilityDetail& d);
// The API's answer for a facility read by id (a page of one), serialised once per version.
std::string FacilityJsonText(const SearchResult& one);
// With the local overrides beside the national values (the answer to a staff edit).
boost::json::object EditedJson(const FacilityDetail& d);
// The API's search answer; the items' JSON is kept in the page's memo.
std::string SearchJson(const SearchResult& page, const SearchRequest& r);
// Every match with coordinates as a GeoJSON FeatureCollection, for the map.
std::string GeoJson(const SearchResult& page);

}  // namespace renkei::directory::views
