#pragma once
// Configuration: renkei.toml (see renkei.example.toml), then environment (RENKEI_*), then flags.
#include <string>

#include "app/app.hpp"
#include "platform/http/server.hpp"
#include "platform/status.hpp"

namespace renkei::app {

// Where `renkei backup` writes and with which key, and how many generations it keeps ([backup]).
struct BackupSettings {
  std::string dir, key_file;
  int keep = 7;
};

struct Config {
  std::string db_url = "sqlite:renkei.db";
  size_t db_pool = 8;
  std::string listen = "127.0.0.1:8080";
  std::string log_level = "info";
  // 64 hex characters (`renkei secret-key --out FILE`): seals TOTP secrets in the database. Empty = none.
  std::string secret_key_file;
  http::ServerOptions server;
  AppConfig app;
  BackupSettings backup;
};

// Reads path when it is not empty (a missing file is an error then); otherwise ./renkei.toml when it
// exists. Then applies the environment.
Result<Config> LoadConfig(const std::string& path);
// Splits "host:port" into the server options.
Status ApplyListen(Config& c, const std::string& listen);

}  // namespace renkei::app
