#pragma once
// Request and Response as the application sees them: plain values, no Beast types, so that only
// server.cpp pays for Beast's headers.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace renkei::http {

// Ordered name/value pairs, as forms, query strings and headers carry them (names may repeat).
class Params {
 public:
  void add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
  // The first value for name, or nothing.
  std::optional<std::string> get(std::string_view name) const;
  // The first value for name, or def.
  std::string value(std::string_view name, std::string_view def = {}) const;
  std::vector<std::string> all(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  size_t size() const { return items_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct UploadedFile {
  std::string field;
  std::string filename;  // as sent by the browser, not trusted as a path
  std::string content_type;
  std::string_view data;  // into the request body (memory, or the mapped upload file): valid while the Request lives
};

// A request body the server streamed to disk (large uploads), mapped read-only; the file is removed with it.
class BodyFile {
 public:
  explicit BodyFile(std::string path);
  ~BodyFile();
  BodyFile(const BodyFile&) = delete;
  BodyFile& operator=(const BodyFile&) = delete;
  const std::string& path() const { return path_; }
  // The bytes, mapped on first use; empty when the file cannot be read.
  std::string_view bytes();

 private:
  std::string path_;
  void* map_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
};

// Server-Sent Events: a response whose body the server keeps writing. Poll runs on a worker thread
// every interval(); it may read the database, and must not block for long.
class EventSource {
 public:
  virtual ~EventSource() = default;
  // Appends events (see SseEvent) to out; returns false when the stream is finished.
  virtual bool Poll(std::string& out) = 0;
  virtual std::chrono::milliseconds interval() const { return std::chrono::milliseconds(500); }
};
// "event: NAME\ndata: ...\n\n", each line of data on its own data: line.
std::string SseEvent(std::string_view event, std::string_view data);

struct Request {
  std::string method;                   // "GET", "POST", ...
  std::string target;                   // as received, e.g. "/admin/users?page=2"
  std::string path;                     // percent-decoded path
  std::string query_string;             // raw, without '?'
  Params headers;                       // names lower-cased
  std::string body;                     // in memory, unless body_file holds it
  std::shared_ptr<BodyFile> body_file;  // large uploads (see Server::set_upload_policy)
  std::string remote_addr;
  bool tls = false;

  // The body, wherever it is.
  std::string_view body_bytes() const;

  // Filled by the router, once per request (from the head, before the body is read); every later
  // stage (upload limit, inline check, handling) reuses the match.
  std::map<std::string, std::string> path_params;
  std::string route;  // the matched pattern, e.g. "/admin/users/{id}", for metrics and logs
  struct RouteMatch {
    bool done = false;             // the router has looked
    const void* route = nullptr;   // its route (opaque here: the router's own type), or none
    bool method_mismatch = false;  // the path exists with another method (405)
  } match;

  std::string header(std::string_view lower_name) const { return headers.value(lower_name); }
  std::string param(const std::string& name) const {
    auto it = path_params.find(name);
    return it == path_params.end() ? std::string() : it->second;
  }
  const Params& query() const;
  // Form fields from an urlencoded or multipart body (empty for other content types).
  const Params& form() const;
  const std::vector<UploadedFile>& files() const;
  std::optional<std::string> cookie(std::string_view name) const;
  bool is_unsafe_method() const { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

 private:
  mutable std::optional<Params> query_;
  mutable std::optional<Params> form_;
  mutable std::vector<UploadedFile> files_;
  mutable std::optional<Params> cookies_;
  void parse_body() const;
};

struct Response {
  int status = 200;
  Params headers;
  std::string body;
  std::shared_ptr<EventSource> events;  // set: a text/event-stream that the server keeps writing

  static Response Html(std::string body, int status = 200);
  static Response Json(std::string body, int status = 200);
  static Response Text(std::string body, int status = 200);
  static Response Redirect(std::string location, int status = 303);
  static Response Events(std::shared_ptr<EventSource> source);

  void set_header(std::string name, std::string value);
  std::string header(std::string_view name) const;

  struct CookieOptions {
    bool http_only = true;
    bool secure = false;
    std::string same_site = "Lax";
    std::optional<long> max_age;  // seconds; nothing = session cookie; 0 deletes
    std::string path = "/";
  };
  void set_cookie(const std::string& name, const std::string& value, const CookieOptions& o);
};

}  // namespace renkei::http
