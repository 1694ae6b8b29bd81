#include "platform/http/request.hpp"

#include <algorithm>
#include <cctype>

#include "platform/http/parse.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace renkei::http {

std::optional<std::string> Params::get(std::string_view name) const {
  for (const auto& [k, v] : items_)
    if (k == name) return v;
  return std::nullopt;
}

std::string Params::value(std::string_view name, std::string_view def) const {
  auto v = get(name);
  return v ? *v : std::string(def);
}

std::vector<std::string> Params::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : items_)
    if (k == name) out.push_back(v);
  return out;
}

BodyFile::BodyFile(std::string path) : path_(std::move(path)) {}

BodyFile::~BodyFile() {
  if (map_) munmap(map_, size_);
  ::unlink(path_.c_str());
}

std::string_view BodyFile::bytes() {
  if (!mapped_) {
    mapped_ = true;
    int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    struct stat st {};
    if (fstat(fd, &st) == 0 && st.st_size > 0) {
      void* m = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (m != MAP_FAILED) {
        map_ = m;
        size_ = static_cast<size_t>(st.st_size);
      }
    }
    ::close(fd);
  }
  return map_ ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view();
}

std::string SseEvent(std::string_view event, std::string_view data) {
  std::string out = "event: " + std::string(event) + "\n";
  size_t pos = 0;
  while (true) {
    size_t nl = data.find('\n', pos);
    out += "data: " + std::string(data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos)) + "\n";
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out + "\n";
}

std::string_view Request::body_bytes() const { return body_file ? body_file->bytes() : std::string_view(body); }

const Params& Request::query() const {
  if (!query_) query_ = ParseUrlEncoded(query_string);
  return *query_;
}

void Request::parse_body() const {
  form_ = Params();
  std::string type = header("content-type");
  std::string lower = type;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower.rfind("application/x-www-form-urlencoded", 0) == 0) {
    form_ = ParseUrlEncoded(body_bytes());
  } else if (lower.rfind("multipart/form-data", 0) == 0) {
    // A malformed body leaves the fields read so far; handlers validate what they need.
    (void)ParseMultipart(body_bytes(), MultipartBoundary(type), *form_, files_);
  }
}

const Params& Request::form() const {
  if (!form_) parse_body();
  return *form_;
}

const std::vector<UploadedFile>& Request::files() const {
  if (!form_) parse_body();
  return files_;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  if (!cookies_) {
    cookies_ = Params();
    for (const auto& v : headers.all("cookie")) {
      Params parsed = ParseCookies(v);  // named: iterating a temporary's member would dangle
      for (const auto& [k, val] : parsed.items()) cookies_->add(k, val);
    }
  }
  return cookies_->get(name);
}

namespace {
Response Typed(std::string body, int status, const char* type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set_header("Content-Type", type);
  return r;
}
}  // namespace

Response Response::Html(std::string body, int status) { return Typed(std::move(body), status, "text/html; charset=utf-8"); }
Response Response::Json(std::string body, int status) { return Typed(std::move(body), status, "application/json; charset=utf-8"); }
Response Response::Text(std::string body, int status) { return Typed(std::move(body), status, "text/plain; charset=utf-8"); }

Response Response::Events(std::shared_ptr<EventSource> source) {
  Response r;
  r.set_header("Content-Type", "text/event-stream; charset=utf-8");
  r.set_header("Cache-Control", "no-cache");
  r.set_header("X-Accel-Buffering", "no");  // nginx: do not hold events back
  r.events = std::move(source);
  return r;
}

Response Response::Redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.set_header("Location", std::move(location));
  return r;
}

void Response::set_header(std::string name, std::string value) {
  // Header values never carry line breaks: that would split the response.
  value.erase(std::remove_if(value.begin(), value.end(), [](char c) { return c == '\r' || c == '\n'; }), value.end());
  Params next;
  for (const auto& [k, v] : headers.items()) {
    if (!std::equal(k.begin(), k.end(), name.begin(), name.end(),
                    [](char a, char b) { return std::tolower((unsigned char)a) == std::tolower((unsigned char)b); }))
      next.add(k, v);
  }
  next.add(std::move(name), std::move(value));
  headers = std::move(next);
}

std::string Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers.items()) {
    if (std::equal(k.begin(), k.end(), name.begin(), name.end(),
                   [](char a, char b) { return std::tolower((unsigned char)a) == std::tolower((unsigned char)b); }))
      return v;
  }
  return {};
}

void Response::set_cookie(const std::string& name, const std::string& value, const CookieOptions& o) {
  std::string c = name + "=" + value + "; Path=" + o.path;
  if (o.max_age) c += "; Max-Age=" + std::to_string(*o.max_age);
  if (o.http_only) c += "; HttpOnly";
  if (o.secure) c += "; Secure";
  if (!o.same_site.empty()) c += "; SameSite=" + o.same_site;
  c.erase(std::remove_if(c.begin(), c.end(), [](char ch) { return ch == '\r' || ch == '\n'; }), c.end());
  headers.add("Set-Cookie", std::move(c));
}

}  // namespace renkei::http
