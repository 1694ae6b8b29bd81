#include "app/commands.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/config.hpp"
#include "app/doctor.hpp"
#include "app/modules.hpp"
#include "app/setup.hpp"
#include "core/wareki.hpp"
#include "modules/careteams/service.hpp"
#include "modules/consultations/export.hpp"
#include "modules/consultations/service.hpp"
#include "modules/directory/export.hpp"
#include "modules/directory/service.hpp"
#include "modules/directory/site_export.hpp"
#include "modules/planning/documents.hpp"

#include <filesystem>
#include <fstream>
#include "platform/backup.hpp"
#include "platform/clock.hpp"
#include "platform/http/server.hpp"
#include "platform/private_dir.hpp"
#include "platform/security/account_store.hpp"
#include "platform/security/audit.hpp"
#include "platform/security/crypto.hpp"
#include "platform/storage/migrations.hpp"
#include "platform/web/i18n.hpp"

namespace renkei::app {
namespace {

const security::Actor kSystem{"system", ""};

int Fail(const Status& s) {
  std::cerr << "renkei: " << s.message();
  if (!s.detail().empty()) std::cerr << " (" << s.detail() << ")";
  std::cerr << "\n";
  return s.code() == Code::kInvalidArgument ? 2 : 1;
}

// Opens the database named by the flag, the environment or the configuration.
Result<std::shared_ptr<storage::Database>> OpenDb(const Config& c) { return storage::Database::Open(c.db_url, c.db_pool); }

Result<std::shared_ptr<storage::Database>> OpenMigrated(const Config& c) {
  auto db = OpenDb(c);
  if (!db.ok()) return db.status();
  if (auto s = storage::CheckSchema(**db); !s.ok()) return s;
  // A key newly configured seals the secrets written before it.
  if (security::HasSecretKey()) {
    storage::Transaction tx(**db);
    int sealed = security::account_store::SealPlainSecrets(tx.sql());
    tx.commit();
    if (sealed > 0) spdlog::info("sealed {} two-factor secrets with the secret key", sealed);
  }
  return db;
}

// The key that seals secrets in the database, from the file the configuration names.
Status LoadSecretKey(const Config& c) {
  if (c.secret_key_file.empty()) {
    security::SetSecretKey(std::nullopt);
    return Status::Ok();
  }
  std::ifstream in(c.secret_key_file, std::ios::binary);
  if (!in) return Status::InvalidArgument("secret key file cannot be read: " + c.secret_key_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto key = security::ParseSecretKey(text);
  if (!key)
    return Status::InvalidArgument("secret key file must hold 64 hex characters (renkei secret-key --out FILE): " + c.secret_key_file);
  security::SetSecretKey(std::move(key));
  return Status::Ok();
}

std::string ReadPasswordFromStdin() {
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

// The command line: its subcommands, the options they read and the configuration. Option values are
// members because CLI11 writes them while parsing and the chosen command's callback reads them after.
class Cli {
 public:
  Cli();
  int Run(int argc, char** argv);

 private:
  void WithDb(CLI::App* sub);
  // The configuration (and --db), the secret key and the log level.
  Status Load();
  // Every command but migrate, restore and demo: the configuration, then a database at this version.
  std::shared_ptr<storage::Database> OpenMigratedOrExit();
  // Writes next to the target and renames, so that a failed write leaves no half file.
  static void WriteFile(const std::string& path, const std::string& bytes);

  void AddServe();
  void AddRoutes();
  void AddMigrate();
  void AddUser();
  void AddToken();
  void AddOrg();
  void AddImport();
  void AddExport();
  void AddReport();
  void AddAudit();
  void AddDigest();
  void AddKeysAndBackups();
  void AddDemo();
  void AddDoctor();

  CLI::App cli_{"Renkei (連携): 在宅医療・介護連携推進事業を運営するサーバー"};
  Config cfg;
  std::string config_path, db_flag;
  // serve
  std::string listen_flag, tls_cert, tls_key;
  int threads_flag = -1;
  // user, token, org
  std::string login, role, municipality, org, display_name, profession;
  std::string token_name, token_id, org_name, org_kind;
  // import, export, report
  std::string format_name;
  bool keep_outside = false, dry_run = false;
  std::vector<std::string> files;
  std::string export_format, out_file, encoding = "utf-8", site_dir;
  std::string report_name, report_fy, report_format = "xlsx";
  // audit, keys, backups
  std::string kept_head, out_dir, key_file, from_file, secret_key_out;
  int keep = 0;  // 0: the configuration's
};

Cli::Cli() {
  cli_.require_subcommand(1);
  cli_.add_option("--config", config_path, "renkei.toml to read (default ./renkei.toml when present)");
  AddServe();
  AddRoutes();
  AddMigrate();
  AddUser();
  AddToken();
  AddOrg();
  AddImport();
  AddExport();
  AddReport();
  AddAudit();
  AddDigest();
  AddKeysAndBackups();
  AddDemo();
  AddDoctor();
}

void Cli::WithDb(CLI::App* sub) {
  sub->add_option("--db", db_flag, "database URL: sqlite:PATH or postgresql://user@host:port/db (env RENKEI_DB)");
}

Status Cli::Load() {
  auto c = LoadConfig(config_path);
  if (!c.ok()) return c.status();
  cfg = std::move(c.value());
  if (!db_flag.empty()) cfg.db_url = db_flag;
  if (cfg.app.files_dir.empty()) cfg.app.files_dir = media::DefaultFilesDir(cfg.db_url);
  if (auto s = LoadSecretKey(cfg); !s.ok()) return s;
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
  return Status::Ok();
}

std::shared_ptr<storage::Database> Cli::OpenMigratedOrExit() {
  if (auto s = Load(); !s.ok()) throw CLI::RuntimeError(Fail(s));
  auto db = OpenMigrated(cfg);
  if (!db.ok()) throw CLI::RuntimeError(Fail(db.status()));
  return *db;
}

void Cli::WriteFile(const std::string& path, const std::string& bytes) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw CLI::RuntimeError(Fail(Status::InvalidArgument("ファイルを書けません: " + path)));
  }
  std::filesystem::rename(tmp, path);
}

void Cli::AddServe() {
  // serve
  auto* serve = cli_.add_subcommand("serve", "serve HTTP until SIGTERM (drains in-flight requests for up to 10 s)");
  WithDb(serve);
  serve->add_option("--listen", listen_flag, "HOST:PORT to listen on (env RENKEI_LISTEN; default 127.0.0.1:8080)");
  serve->add_option("--threads", threads_flag, "io threads (default: one per core)");
  serve->add_option("--tls-cert", tls_cert, "PEM certificate chain: serve HTTPS (TLS 1.2+) instead of HTTP");
  serve->add_option("--tls-key", tls_key, "PEM private key for --tls-cert");
  serve->callback([this] {
    // The configuration first: the flags below override it.
    if (auto s = Load(); !s.ok()) throw CLI::RuntimeError(Fail(s));
    if (!listen_flag.empty())
      if (auto s = ApplyListen(cfg, listen_flag); !s.ok()) throw CLI::RuntimeError(Fail(s));
    if (threads_flag >= 0) cfg.server.io_threads = threads_flag;
    if (!tls_cert.empty()) cfg.server.tls_cert = tls_cert;
    if (!tls_key.empty()) cfg.server.tls_key = tls_key;
    if (cfg.server.tls_cert.empty() != cfg.server.tls_key.empty())
      throw CLI::RuntimeError(Fail(Status::InvalidArgument("--tls-cert and --tls-key go together")));
    // Under TLS cookies are Secure and HSTS is sent.
    if (!cfg.server.tls_cert.empty()) cfg.app.secure_cookies = true;
    // Files strangers send wait in directories only this user may enter: refuse to start otherwise.
    for (auto [dir, name] : {std::pair{cfg.server.upload_dir, "renkei-uploads"}, std::pair{cfg.app.import_dir, "renkei-imports"}})
      if (auto d = files::PrivateDirectory(dir, name); !d.ok()) throw CLI::RuntimeError(Fail(d.status()));
    auto opened = OpenMigrated(cfg);
    if (!opened.ok()) throw CLI::RuntimeError(Fail(opened.status()));
    auto db = *opened;
    auto app = BuildApp(db, cfg.app);
    auto warm_start = std::chrono::steady_clock::now();
    WarmUp(*db);
    spdlog::info("search index ready in {} ms",
                 std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - warm_start).count());
    http::Server server(
        cfg.server, [&app](http::Request& r) { return app->Handle(r); }, [&app](http::Request& r) { return app->RunsInline(r); });
    server.set_upload_policy([&app](http::Request& r) { return app->UploadLimit(r); },
                             [&app](http::Request& r) { return app->RefuseUpload(r); });
    try {
      server.listen();
    } catch (const std::exception& e) {
      throw CLI::RuntimeError(Fail(Status::Unavailable("cannot listen on " + cfg.listen, e.what())));
    }
    spdlog::info("renkei serving {}://{}:{}/ ({})", cfg.server.tls_cert.empty() ? "http" : "https", cfg.server.host, server.port(),
                 db->url().display);
    security::AuditHeadLogger head_log(*db, std::chrono::hours(24));
    server.run();
  });
}

void Cli::AddRoutes() {
  // routes
  auto* routes = cli_.add_subcommand("routes", "list every route: method, pattern, access (public, stage, full), upload");
  WithDb(routes);
  routes->callback([this] {
    auto app = BuildApp(OpenMigratedOrExit(), cfg.app);
    for (const auto& r : app->Routes())
      std::cout << r.method << "\t" << r.pattern << "\t"
                << (r.access == Access::kPublic  ? "public"
                    : r.access == Access::kStage ? "stage"
                                                 : "full")
                << (r.upload ? "\tupload" : "") << "\n";
  });
}

void Cli::AddMigrate() {
  // migrate
  auto* migrate = cli_.add_subcommand("migrate", "create or update the database schema, and the region");
  WithDb(migrate);
  migrate->callback([this] {
    if (auto s = Load(); !s.ok()) throw CLI::RuntimeError(Fail(s));
    auto db = OpenDb(cfg);
    if (!db.ok()) throw CLI::RuntimeError(Fail(db.status()));
    auto applied = storage::Migrate(**db);
    if (!applied.ok()) throw CLI::RuntimeError(Fail(applied.status()));
    if (auto s = EnsureRegion(**db, cfg.app.region_name); !s.ok()) throw CLI::RuntimeError(Fail(s));
    std::cout << "migrations applied: " << applied->size() << " (schema version " << storage::LatestVersion() << ")\n";
  });
}

void Cli::AddUser() {
  // user
  auto* user = cli_.add_subcommand("user", "manage accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "add an account; the initial password is read from stdin");
  WithDb(user_add);
  user_add->add_option("--login", login, "login ID")->required();
  user_add->add_option("--role", role, "admin, municipal_staff, hub_coordinator, support_center, professional, facility_editor")
      ->required();
  user_add->add_option("--municipality", municipality, "town code, e.g. 112119 (municipal_staff)");
  user_add->add_option("--org", org, "facility id the account belongs to");
  user_add->add_option("--name", display_name, "display name");
  user_add->add_option("--profession", profession, "profession code, e.g. care_manager");
  user_add->callback([this] {
    auto db = OpenMigratedOrExit();
    security::Accounts accounts(db, cfg.app.policy);
    security::NewUser n{login, display_name, ReadPasswordFromStdin(), {role}, municipality, org, profession, true};
    auto u = accounts.CreateUser(n, kSystem);
    if (!u.ok())
      throw CLI::RuntimeError(
          Fail(Status(u.status().code() == Code::kInvalidArgument
                          ? Status::InvalidArgument(web::Catalogue::Get().message("ja", u.status().message()), u.status().detail())
                          : Status::Internal(web::Catalogue::Get().message("ja", u.status().message()), u.status().detail()))));
    std::cout << "added " << u->login << " (" << u->id << "); the password must be changed at first login\n";
  });
  auto* user_list = user->add_subcommand("list", "list accounts");
  WithDb(user_list);
  user_list->callback([this] {
    auto db = OpenMigratedOrExit();
    security::Accounts accounts(db, cfg.app.policy);
    for (const auto& u : accounts.ListUsers()) {
      std::string roles;
      for (const auto& r : u.roles) roles += (roles.empty() ? "" : ",") + r;
      std::cout << u.login << "\t" << roles << "\t" << (u.municipality_code.empty() ? "-" : u.municipality_code) << "\t"
                << (u.disabled                       ? "disabled"
                    : u.SecondFactorLocked()         ? "code-locked"
                    : u.LoginLocked(clock::NowIso()) ? "locked"
                                                     : "active")
                << "\t" << (u.totp_enabled ? "2fa" : "no-2fa") << "\t" << u.display_name << "\n";
    }
  });
  auto user_action = [this, user](const char* name, const char* help,
                                  const std::function<Status(security::Accounts&, const security::User&)>& f) {
    auto* sub = user->add_subcommand(name, help);
    WithDb(sub);
    sub->add_option("--login", login, "login ID")->required();
    sub->callback([this, f, name] {  // name by value: this lambda outlives the call that registers it
      security::Accounts accounts(OpenMigratedOrExit(), cfg.app.policy);
      auto u = accounts.GetUser(login);
      if (!u.ok()) throw CLI::RuntimeError(Fail(Status::NotFound("no such user: " + login)));
      auto s = f(accounts, *u);
      if (!s.ok()) throw CLI::RuntimeError(Fail(Status::InvalidArgument(web::Catalogue::Get().message("ja", s.message()), s.detail())));
      std::cout << name << ": " << login << "\n";
    });
  };
  user_action("disable", "disable an account and end its sessions",
              [](security::Accounts& a, const security::User& u) { return a.SetDisabled(u.id, true, kSystem); });
  user_action("enable", "enable a disabled account",
              [](security::Accounts& a, const security::User& u) { return a.SetDisabled(u.id, false, kSystem); });
  user_action("unlock", "unlock an account locked by failed logins",
              [](security::Accounts& a, const security::User& u) { return a.Unlock(u.id, kSystem); });
  user_action("reset-password", "set a new initial password (read from stdin)",
              [](security::Accounts& a, const security::User& u) { return a.ResetPassword(u.id, ReadPasswordFromStdin(), kSystem); });
  user_action("reset-2fa", "remove two-factor so the user enrols again",
              [](security::Accounts& a, const security::User& u) { return a.ResetTwoFactor(u.id, kSystem); });
}

void Cli::AddToken() {
  // token
  auto* token = cli_.add_subcommand("token", "API tokens for /api/v1 (Authorization: Bearer)");
  token->require_subcommand(1);
  auto* token_create = token->add_subcommand("create", "create a token; prints it as the last line (shown once)");
  WithDb(token_create);
  token_create->add_option("--login", login, "the account the token acts as")->required();
  token_create->add_option("--name", token_name, "what the token is for");
  token_create->callback([this] {
    auto db = OpenMigratedOrExit();
    security::Accounts accounts(db, cfg.app.policy);
    auto t = accounts.CreateApiToken(login, token_name, kSystem);
    if (!t.ok()) throw CLI::RuntimeError(Fail(Status::NotFound("no such user: " + login)));
    std::cout << "token for " << login << " (keep it secret; it is not shown again):\n" << *t << "\n";
  });
  auto* token_revoke = token->add_subcommand("revoke", "revoke a token by id (see token list)");
  WithDb(token_revoke);
  token_revoke->add_option("--id", token_id, "token id")->required();
  token_revoke->callback([this] {
    auto db = OpenMigratedOrExit();
    security::Accounts accounts(db, cfg.app.policy);
    if (auto s = accounts.RevokeApiToken(token_id, kSystem); !s.ok())
      throw CLI::RuntimeError(Fail(Status::NotFound("no such active token: " + token_id)));
    std::cout << "revoked " << token_id << "\n";
  });
  auto* token_list = token->add_subcommand("list", "list a user's tokens");
  WithDb(token_list);
  token_list->add_option("--login", login, "login ID")->required();
  token_list->callback([this] {
    auto db = OpenMigratedOrExit();
    security::Accounts accounts(db, cfg.app.policy);
    for (const auto& t : accounts.ListApiTokens(login))
      std::cout << t.id << "\t" << t.name << "\t" << t.created_at << "\t" << (t.revoked_at.empty() ? "active" : "revoked") << "\n";
  });
}

void Cli::AddOrg() {
  // org
  auto* orgc = cli_.add_subcommand("org", "organisations (facilities) accounts belong to");
  orgc->require_subcommand(1);
  auto* org_add = orgc->add_subcommand("add", "add an organisation; prints its id");
  WithDb(org_add);
  org_add->add_option("--name", org_name, "name")->required();
  org_add->add_option("--kind", org_kind, "hub, support_center, hospital, clinic, care_management, ...")->required();
  org_add->add_option("--municipality", municipality, "town code");
  org_add->callback([this] {
    auto db = OpenMigratedOrExit();
    directory::DirectoryService dir(*db);
    directory::NewOrganization n;
    n.name = org_name;
    n.kind = org_kind;
    n.municipality_code = municipality;
    auto id = dir.CreateOrganization(n, kSystem);
    if (!id.ok()) throw CLI::RuntimeError(Fail(id.status()));
    std::cout << *id << "\n";
  });
  auto* org_list = orgc->add_subcommand("list", "list organisations");
  WithDb(org_list);
  org_list->callback([this] {
    auto db = OpenMigratedOrExit();
    directory::DirectoryService dir(*db);
    for (const auto& f : dir.ListOrganizations())
      std::cout << f.id << "\t" << f.kind << "\t" << (f.municipality_code.empty() ? "-" : f.municipality_code) << "\t" << f.name << "\n";
  });
}

void Cli::AddImport() {
  // import
  auto* import = cli_.add_subcommand("import", "import open data");
  import->require_subcommand(1);
  auto* import_facilities = import->add_subcommand("facilities", "import facilities from national open data (one transaction per file)");
  WithDb(import_facilities);
  import_facilities
      ->add_option("--format", format_name,
                   "mhlw-kaigo (介護サービス情報公表), mhlw-iryo (医療情報ネット 施設票), digital-std (自治体標準オープンデータ)")
      ->required();
  import_facilities->add_flag("--keep-outside", keep_outside, "keep rows outside the region's towns (marked outside the region)");
  import_facilities->add_flag("--dry-run", dry_run, "report what would change, write nothing");
  import_facilities->add_option("FILE", files, "CSV files (UTF-8 with or without BOM, CP932, UTF-16)")->required();
  import_facilities->callback([this] {
    auto format = directory::ParseImportFormat(format_name);
    if (!format.ok()) throw CLI::RuntimeError(Fail(format.status()));
    auto db = OpenMigratedOrExit();
    directory::DirectoryService dir(*db);
    int failed = 0;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      if (!in) {
        std::cerr << f << ": ファイルを開けません。\n";
        failed++;
        continue;
      }
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto r =
          dir.Import(security::SystemPrincipal(), "", bytes, std::filesystem::path(f).filename().string(), *format, keep_outside, dry_run);
      if (!r.ok()) {
        std::cerr << r.status().message() << "\n";
        failed++;
        continue;
      }
      std::cout << f << " (" << r->layout << ", " << r->encoding << ")" << (dry_run ? " [dry run: nothing written]" : "") << "\n"
                << "  added " << r->added << ", updated " << r->updated << ", unchanged " << r->unchanged << ", skipped outside the region "
                << r->skipped_outside << (r->skipped_other_town ? ", other towns " + std::to_string(r->skipped_other_town) : std::string())
                << (keep_outside ? ", kept outside the region " + std::to_string(r->kept_outside) : std::string()) << ", rejected "
                << r->rejected.size() << "\n";
      for (const auto& rej : r->rejected) std::cout << "  " << rej.line << "行目: " << rej.reason << "\n";
    }
    if (failed) throw CLI::RuntimeError(1);
  });
}

void Cli::AddExport() {
  // export
  auto* exportc = cli_.add_subcommand("export", "export data");
  exportc->require_subcommand(1);
  auto* export_facilities = exportc->add_subcommand("facilities", "the region's directory as the デジタル庁 standard CSV or an XLSX list");
  WithDb(export_facilities);
  export_facilities
      ->add_option("--format", export_format, "digital-std-medical (医療機関一覧 正式版), digital-std-care (介護サービス事業所一覧), xlsx")
      ->required();
  export_facilities->add_option("--out", out_file, "file to write")->required();
  export_facilities->add_option("--encoding", encoding, "utf-8 (with BOM, default) or cp932, for CSV");
  export_facilities->callback([this] {
    auto format = directory::ParseExportFormat(export_format);
    if (!format.ok()) throw CLI::RuntimeError(Fail(format.status()));
    if (encoding != "utf-8" && encoding != "cp932")
      throw CLI::RuntimeError(Fail(Status::InvalidArgument("--encoding は utf-8 か cp932 です。")));
    auto db = OpenMigratedOrExit();
    auto r = directory::ExportFacilities(*db, *format, encoding == "cp932", cfg.app.region_name);
    if (!r.ok()) throw CLI::RuntimeError(Fail(r.status()));
    WriteFile(out_file, r->bytes);
    std::cout << "exported " << r->rows << " facilities to " << out_file << "\n";
  });

  auto* export_site = exportc->add_subcommand("site", "static pages of the public directory for the towns' web sites");
  WithDb(export_site);
  export_site->add_option("--out", site_dir, "directory to write")->required();
  export_site->callback([this] {
    auto db = OpenMigratedOrExit();
    auto r = directory::ExportSite(*db, site_dir, cfg.app.region_name);
    if (!r.ok()) throw CLI::RuntimeError(Fail(r.status()));
    std::cout << "wrote " << r->pages << " pages to " << site_dir << " (open index.html)\n";
  });
}

void Cli::AddReport() {
  // report: the council's papers
  auto* report =
      cli_.add_subcommand("report", "the council's papers: shiryo1 (資料1, the plan table) or shiryo2 (資料2, consultation figures)");
  WithDb(report);
  report->add_option("paper", report_name, "shiryo1 or shiryo2")->required()->check(CLI::IsMember({"shiryo1", "shiryo2"}));
  report->add_option("--fy", report_fy, "fiscal year: 2023, 令和5年度 …")->required();
  report->add_option("--format", report_format, "xlsx or pdf")->check(CLI::IsMember({"xlsx", "pdf"}));
  report->add_option("--out", out_file, "file to write")->required();
  report->callback([this] {
    auto fy = core::ParseFiscalYear(report_fy);
    if (!fy) throw CLI::RuntimeError(Fail(Status::InvalidArgument("--fy が読めません（例: 2023、令和5年度）。")));
    auto db = OpenMigratedOrExit();
    // The command line acts with an administrator's permissions (it already holds the database).
    const security::Principal system = security::SystemPrincipal();
    Result<std::string> bytes = Status::Internal("");
    if (report_name == "shiryo1") {
      planning::PlanService plans(*db);
      auto plan = plans.Get(system, *fy);
      if (!plan.ok()) throw CLI::RuntimeError(Fail(plan.status()));
      auto paper = planning::PaperOf(*plan, cfg.app.region_name);
      bytes = report_format == "pdf" ? planning::Shiryo1Pdf(paper) : planning::Shiryo1Xlsx(paper);
    } else {
      consultations::ConsultationService consult(*db);
      auto stats = consult.Statistics(system, "", consultations::FiscalYearPeriod(*fy), {}, "ja", report_format);
      if (!stats.ok()) throw CLI::RuntimeError(Fail(stats.status()));
      bytes = report_format == "pdf" ? consultations::StatsPdf(*stats, cfg.app.region_name)
                                     : consultations::StatsXlsx(*stats, cfg.app.region_name, "ja");
    }
    if (!bytes.ok()) throw CLI::RuntimeError(Fail(bytes.status()));
    WriteFile(out_file, *bytes);
    std::cout << "wrote " << report_name << " " << core::FormatFiscalYear(*fy) << " to " << out_file << "\n";
  });
}

void Cli::AddAudit() {
  // audit
  auto* audit = cli_.add_subcommand("audit", "the audit log");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "check the hash chain; exits 1 when an entry was altered, removed or reordered");
  WithDb(verify);
  verify->add_option("--head", kept_head, "a head kept elsewhere (SEQ:HASH from the server log, or HASH): it must still be in the chain");
  verify->callback([this] {
    auto db = OpenMigratedOrExit();
    auto v = security::VerifyAudit(*db, kept_head);
    if (!v.ok) {
      std::cerr << "audit log BROKEN at entry " << v.first_bad_seq << ": " << v.problem << "\n";
      throw CLI::RuntimeError(1);
    }
    std::cout << "audit log intact: " << v.entries << " entries" << (kept_head.empty() ? "" : ", the kept head among them") << "\n";
  });
  auto* head = audit->add_subcommand("head", "print the newest entry as SEQ:HASH, to keep outside the database");
  WithDb(head);
  head->callback([this] { std::cout << security::AuditHead(*OpenMigratedOrExit()) << "\n"; });
}

void Cli::AddDigest() {
  // digest: the care teams' daily e-mail (a systemd timer runs it each morning)
  auto* digest =
      cli_.add_subcommand("digest", "e-mail each care-team member who gave an address what waits for them (counts and a link only)");
  WithDb(digest);
  digest->callback([this] {
    auto db = OpenMigratedOrExit();
    mail::Mailer mailer(cfg.app.mail);
    if (!mailer.enabled()) {  // a town without SMTP: the daily timer has nothing to do, and that is fine
      std::cout << "no [mail] smtp_url and from: no digests sent\n";
      return;
    }
    careteams::CareTeamService service(*db);
    auto sent = service.SendDigests(mailer, cfg.app.public_url);
    if (!sent.ok()) throw CLI::RuntimeError(Fail(sent.status()));
    std::cout << "digests sent: " << *sent << "\n";
  });
}

void Cli::AddKeysAndBackups() {
  // backup / restore
  // secret-key
  auto* secret_key =
      cli_.add_subcommand("secret-key", "write a new key for sealing two-factor secrets (then set [security] secret_key_file)");
  secret_key->add_option("--out", secret_key_out, "file to create (readable by its owner only; never overwritten)")->required();
  secret_key->callback([this] {
    if (std::filesystem::exists(secret_key_out))
      throw CLI::RuntimeError(Fail(Status::InvalidArgument("already exists, not overwritten: " + secret_key_out)));
    {
      std::ofstream out(secret_key_out, std::ios::binary);
      if (!out) throw CLI::RuntimeError(Fail(Status::InvalidArgument("cannot write: " + secret_key_out)));
      std::filesystem::permissions(secret_key_out, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
      out << security::NewSecretKeyHex() << "\n";
    }
    std::cout << "wrote " << secret_key_out << ": keep it apart from the database and its backups\n";
  });

  auto* backup = cli_.add_subcommand("backup", "write an encrypted backup into a directory, keeping the newest N");
  WithDb(backup);
  backup->add_option("--out", out_dir, "directory for backups (default: [backup] dir)");
  backup->add_option("--key-file", key_file,
                     "file with the backup key, created with 32 random bytes when missing (default: [backup] key_file)");
  backup->add_option("--keep", keep, "generations to keep (default: [backup] keep, 7)");
  backup->callback([this] {
    auto db = OpenMigratedOrExit();
    std::string dir = out_dir.empty() ? cfg.backup.dir : out_dir, key = key_file.empty() ? cfg.backup.key_file : key_file;
    if (dir.empty() || key.empty())
      throw CLI::RuntimeError(Fail(Status::InvalidArgument("--out and --key-file, or [backup] dir and key_file in the configuration")));
    media::FileStore files(cfg.app.files_dir);
    auto r = WriteBackup(*db, dir, key, keep > 0 ? keep : cfg.backup.keep, &files);
    if (!r.ok()) throw CLI::RuntimeError(Fail(r.status()));
    std::cout << "backup written: " << r->path << " (" << r->rows << " rows, " << r->files << " files; " << r->removed
              << " old generations removed)\n";
  });
  auto* restore = cli_.add_subcommand("restore", "restore an encrypted backup into an empty database");
  WithDb(restore);
  restore->add_option("--from", from_file, "backup file")->required();
  restore->add_option("--key-file", key_file, "file with the backup key")->required();
  restore->callback([this] {
    if (auto s = Load(); !s.ok()) throw CLI::RuntimeError(Fail(s));
    auto db = OpenDb(cfg);
    if (!db.ok()) throw CLI::RuntimeError(Fail(db.status()));
    media::FileStore files(cfg.app.files_dir);
    auto r = RestoreBackup(**db, from_file, key_file, &files);
    if (!r.ok()) throw CLI::RuntimeError(Fail(r.status()));
    std::cout << "restored " << r.value() << " rows from " << from_file << "\n";
  });
}

void Cli::AddDemo() {
  // demo
  auto* demo = cli_.add_subcommand("demo", "create the demo region: towns, organisations, one account per role");
  WithDb(demo);
  demo->callback([this] {
    if (auto s = Load(); !s.ok()) throw CLI::RuntimeError(Fail(s));
    auto db = OpenDb(cfg);
    if (!db.ok()) throw CLI::RuntimeError(Fail(db.status()));
    auto applied = storage::Migrate(**db);
    if (!applied.ok()) throw CLI::RuntimeError(Fail(applied.status()));
    if (auto s = LoadDemo(**db, cfg.app.region_name); !s.ok()) throw CLI::RuntimeError(Fail(s));
    size_t n = 0;
    const DemoAccount* accounts = DemoAccounts(n);
    std::cout << "demo region ready in " << (*db)->url().display << "\n";
    std::cout << "accounts (password for all: " << kDemoPassword << "):\n";
    for (size_t i = 0; i < n; ++i) std::cout << "  " << accounts[i].login << "\t" << accounts[i].role << "\n";
  });
}

void Cli::AddDoctor() {
  auto* doctor =
      cli_.add_subcommand("doctor", "check the installation: database, secret key, backups, audit chain, public URL, disk, clock");
  WithDb(doctor);
  doctor->callback([this] {
    // The configuration only: what Load() would refuse (an unreadable key file) is a finding here.
    auto c = LoadConfig(config_path);
    if (!c.ok()) throw CLI::RuntimeError(Fail(c.status()));
    if (!db_flag.empty()) c->db_url = db_flag;
    spdlog::set_level(spdlog::level::warn);  // the report is the output; the trial restore's log is not
    auto findings = Examine(*c);
    std::cout << Report(findings);
    if (NeedsAction(findings)) throw CLI::RuntimeError(1);
  });
}

int Cli::Run(int argc, char** argv) {
  try {
    cli_.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli_.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "renkei: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int RunCommandLine(int argc, char** argv) {
  security::InitCrypto();
  auto logger = spdlog::stderr_color_mt("renkei");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  Cli cli;
  return cli.Run(argc, argv);
}

}  // namespace renkei::app
