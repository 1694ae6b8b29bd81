#include "app/config.hpp"

#include <toml++/toml.h>
#include <cstdlib>
#include <filesystem>

namespace renkei::app {

namespace {

// The settings of renkei.toml (parsed) into c; InvalidArgument names the file and what is wrong.
Status ReadFile(const toml::table& t, const std::string& path, Config& c) {
  c.db_url = t["database"]["url"].value_or(c.db_url);
  c.db_pool = t["database"]["pool"].value_or(static_cast<int64_t>(c.db_pool));
  c.listen = t["server"]["listen"].value_or(c.listen);
  c.server.io_threads = static_cast<int>(t["server"]["io_threads"].value_or(int64_t{0}));
  c.server.body_limit = static_cast<size_t>(t["server"]["body_limit_kib"].value_or(int64_t{1024})) * 1024;
  c.server.idle_timeout = std::chrono::seconds(t["server"]["idle_timeout_seconds"].value_or(int64_t{60}));
  c.app.secure_cookies = t["server"]["secure_cookies"].value_or(false);
  c.server.tls_cert = t["server"]["tls_cert"].value_or(std::string());
  c.server.tls_key = t["server"]["tls_key"].value_or(std::string());
  c.server.upload_dir = t["server"]["upload_dir"].value_or(c.server.upload_dir);
  c.server.max_uploads = static_cast<int>(t["server"]["max_uploads"].value_or(int64_t{c.server.max_uploads}));
  c.server.max_uploads_per_address =
      static_cast<int>(t["server"]["max_uploads_per_address"].value_or(int64_t{c.server.max_uploads_per_address}));
  c.server.max_connections_per_address =
      static_cast<int>(t["server"]["max_connections_per_address"].value_or(int64_t{c.server.max_connections_per_address}));
  c.log_level = t["log"]["level"].value_or(c.log_level);
  c.secret_key_file = t["security"]["secret_key_file"].value_or(c.secret_key_file);
  c.app.region_name = t["region"]["name"].value_or(c.app.region_name);
  c.app.map_tile_url = t["map"]["tile_url"].value_or(c.app.map_tile_url);
  c.app.map_attribution = t["map"]["attribution"].value_or(c.app.map_attribution);
  c.app.import_dir = t["directory"]["import_dir"].value_or(c.app.import_dir);
  c.app.files_dir = t["files"]["dir"].value_or(c.app.files_dir);
  c.app.public_url = t["server"]["public_url"].value_or(c.app.public_url);
  c.app.mail.url = t["mail"]["smtp_url"].value_or(c.app.mail.url);
  c.app.mail.from = t["mail"]["from"].value_or(c.app.mail.from);
  c.app.mail.user = t["mail"]["user"].value_or(c.app.mail.user);
  c.app.mail.password = t["mail"]["password"].value_or(c.app.mail.password);
  c.app.mail.require_tls = t["mail"]["require_tls"].value_or(c.app.mail.require_tls);
  c.app.public_form_limit = static_cast<int>(t["security"]["public_form_limit"].value_or(int64_t{c.app.public_form_limit}));
  if (auto proxies = t["server"]["trusted_proxies"].as_array()) {
    std::vector<std::string> entries;
    for (const auto& e : *proxies)
      if (auto v = e.value<std::string>()) entries.push_back(*v);
    auto parsed = http::TrustedProxies::Parse(entries);
    if (!parsed.ok()) return Status::InvalidArgument("configuration file " + path + ": " + parsed.status().message());
    c.app.trusted_proxies = *parsed;
    c.server.proxies = *parsed;
  }
  auto& p = c.app.policy;
  p.session_idle = std::chrono::seconds(t["security"]["session_idle_minutes"].value_or(int64_t{30}) * 60);
  p.session_absolute = std::chrono::seconds(t["security"]["session_absolute_hours"].value_or(int64_t{12}) * 3600);
  p.account_backoff_after = static_cast<int>(t["security"]["login_backoff_after"].value_or(int64_t{p.account_backoff_after}));
  p.backoff_base = std::chrono::seconds(t["security"]["login_backoff_seconds"].value_or(int64_t{p.backoff_base.count()}));
  p.account_lock_after = static_cast<int>(t["security"]["login_lock_after"].value_or(int64_t{p.account_lock_after}));
  p.addr_limit = static_cast<int>(t["security"]["login_address_limit"].value_or(int64_t{p.addr_limit}));
  p.addr_window = std::chrono::seconds(t["security"]["login_address_window_seconds"].value_or(int64_t{p.addr_window.count()}));
  p.lock_period = std::chrono::seconds(t["security"]["login_lock_seconds"].value_or(int64_t{p.lock_period.count()}));
  p.mfa_backoff_after = static_cast<int>(t["security"]["code_backoff_after"].value_or(int64_t{p.mfa_backoff_after}));
  p.mfa_backoff_base = std::chrono::seconds(t["security"]["code_backoff_seconds"].value_or(int64_t{p.mfa_backoff_base.count()}));
  p.mfa_lock_after = static_cast<int>(t["security"]["code_lock_after"].value_or(int64_t{p.mfa_lock_after}));
  if (p.addr_window.count() < 1 || p.lock_period.count() < 1 || p.mfa_lock_after < 1 || p.account_lock_after < 1)
    return Status::InvalidArgument("configuration file " + path + ": [security] windows, lock periods and limits must be at least 1");
  if (auto roles = t["security"]["two_factor_roles"].as_array()) {
    p.mfa_required_roles.clear();
    for (const auto& r : *roles)
      if (auto s = r.value<std::string>()) p.mfa_required_roles.insert(*s);
  }
  c.backup.dir = t["backup"]["dir"].value_or(c.backup.dir);
  c.backup.key_file = t["backup"]["key_file"].value_or(c.backup.key_file);
  c.backup.keep = static_cast<int>(t["backup"]["keep"].value_or(int64_t{c.backup.keep}));
  if (c.backup.keep < 1) return Status::InvalidArgument("configuration file " + path + ": [backup] keep must be at least 1");
  return Status::Ok();
}

// The environment (RENKEI_*) over the file.
Status ApplyEnvironment(Config& c) {
  if (const char* v = std::getenv("RENKEI_DB")) c.db_url = v;
  if (const char* v = std::getenv("RENKEI_LISTEN")) c.listen = v;
  if (const char* v = std::getenv("RENKEI_LOG_LEVEL")) c.log_level = v;
  if (const char* v = std::getenv("RENKEI_SECRET_KEY_FILE")) c.secret_key_file = v;
  if (const char* v = std::getenv("RENKEI_SESSION_IDLE_SECONDS")) c.app.policy.session_idle = std::chrono::seconds(std::atol(v));
  if (const char* v = std::getenv("RENKEI_MAP_TILE_URL")) c.app.map_tile_url = v;
  if (const char* v = std::getenv("RENKEI_SMTP_URL")) c.app.mail.url = v;
  if (const char* v = std::getenv("RENKEI_SMTP_FROM")) c.app.mail.from = v;
  if (const char* v = std::getenv("RENKEI_PUBLIC_URL")) c.app.public_url = v;
  if (const char* v = std::getenv("RENKEI_PUBLIC_FORM_LIMIT")) c.app.public_form_limit = std::atoi(v);
  if (const char* v = std::getenv("RENKEI_SECURE_COOKIES")) c.app.secure_cookies = std::string(v) == "1";
  if (const char* v = std::getenv("RENKEI_TRUSTED_PROXIES")) {  // comma-separated
    std::vector<std::string> entries;
    std::string all = v;
    for (size_t from = 0; from <= all.size();) {
      size_t comma = std::min(all.find(',', from), all.size());
      entries.push_back(all.substr(from, comma - from));
      from = comma + 1;
    }
    auto parsed = http::TrustedProxies::Parse(entries);
    if (!parsed.ok()) return Status::InvalidArgument("RENKEI_TRUSTED_PROXIES: " + parsed.status().message());
    c.app.trusted_proxies = *parsed;
    c.server.proxies = *parsed;
  }
  if (const char* v = std::getenv("RENKEI_BACKUP_DIR")) c.backup.dir = v;
  if (const char* v = std::getenv("RENKEI_FILES_DIR")) c.app.files_dir = v;
  if (const char* v = std::getenv("RENKEI_BACKUP_KEY_FILE")) c.backup.key_file = v;
  return Status::Ok();
}

}  // namespace

Status ApplyListen(Config& c, const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return Status::InvalidArgument("--listen takes HOST:PORT, e.g. 127.0.0.1:8080");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    port = -1;
  }
  if (port < 0 || port > 65535) return Status::InvalidArgument("the port in --listen must be 0–65535");
  c.listen = listen;
  c.server.host = host.empty() ? "0.0.0.0" : host;
  c.server.port = static_cast<uint16_t>(port);
  return Status::Ok();
}

Result<Config> LoadConfig(const std::string& path_in) {
  Config c;
  std::string path = path_in;
  if (path.empty() && std::getenv("RENKEI_CONFIG")) path = std::getenv("RENKEI_CONFIG");
  if (path.empty() && std::filesystem::exists("renkei.toml")) path = "renkei.toml";
  if (!path.empty()) {
    if (!std::filesystem::exists(path)) return Status::InvalidArgument("configuration file not found: " + path);
    try {
      auto t = toml::parse_file(path);
      if (auto s = ReadFile(t, path, c); !s.ok()) return s;
    } catch (const toml::parse_error& e) {
      return Status::InvalidArgument("configuration file " + path + ": " + std::string(e.description()));
    }
  }
  if (auto s = ApplyEnvironment(c); !s.ok()) return s;
  if (auto s = ApplyListen(c, c.listen); !s.ok()) return s;
  c.server.workers = static_cast<int>(c.db_pool);
  return c;
}

}  // namespace renkei::app
