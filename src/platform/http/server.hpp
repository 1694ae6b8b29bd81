#pragma once
// The HTTP/1.1 server. One io_context and thread per core, each with its own SO_REUSEPORT listener;
// handlers run on a bounded worker pool (sized like the database pool) so that a blocking database call
// never stalls an io thread. Beast and Asio stay inside server.cpp.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "platform/http/forwarded.hpp"
#include "platform/http/request.hpp"

namespace renkei::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;                   // 0 picks a free port (see Server::port())
  int io_threads = 0;                     // 0 = one per core
  int workers = 8;                        // handler threads; size like the database pool
  size_t header_limit = 16 * 1024;        // bytes of request line + headers
  size_t body_limit = 1024 * 1024;        // bytes of body (413 beyond)
  std::chrono::seconds idle_timeout{60};  // wait for the next request on a kept-alive connection
  std::chrono::seconds read_timeout{30};  // read one request's body
  std::chrono::seconds write_timeout{30};
  int max_requests_per_connection = 1000;
  std::chrono::seconds drain_timeout{10};  // SIGTERM waits this long for in-flight requests
  // Where large upload bodies are streamed: a private directory (files::PrivateDirectory) made or checked
  // at listen(); empty = <tmp>/renkei-uploads-<uid>. Each body is a 0600 file there.
  std::string upload_dir;
  int max_uploads = 8;                    // large bodies streamed at once, from everyone (503 beyond)
  int max_uploads_per_address = 2;        // the same from one address
  int max_connections_per_address = 256;  // open connections from one address; more are closed at once
  // Reverse proxies in front (the configuration's trusted_proxies): their connections carry many
  // clients, so the per-address limits above do not count them (the totals still do).
  TrustedProxies proxies;
  std::string tls_cert;  // PEM certificate chain; empty = plain HTTP (e.g. behind a TLS proxy)
  std::string tls_key;   // PEM private key
};

// Handlers may block; they run on the worker pool. Exceptions become 500.
using Handler = std::function<Response(Request&)>;
// True when the request may be handled on the io thread (it must not block).
using InlinePredicate = std::function<bool(Request&)>;
// Given a request's head (no body yet), how large its body may be; above ServerOptions::body_limit the
// body is streamed to a file under upload_dir (Request::body_file) instead of memory. 0 = the default.
// Must not block: it runs on the io thread. It may note what it found in the request (the route match).
using UploadPolicy = std::function<size_t(Request&)>;
// Before a large body is read: an answer that refuses it (not logged in, not allowed), or nothing to go
// on. May block (it reads sessions); runs on the worker pool.
using UploadGate = std::function<std::optional<Response>(Request&)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler, InlinePredicate runs_inline = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Makes or checks the upload directory, binds the listeners (and loads the TLS certificate); after this
  // port() is known. Throws std::runtime_error when the upload directory is not private, and
  // std::system_error when the address is taken or the certificate cannot be read.
  void listen();
  uint16_t port() const { return port_; }
  // Serves until SIGINT/SIGTERM or stop(), then drains in-flight requests for at most drain_timeout.
  void run();
  // Safe from any thread.
  void stop();
  // Before run(): which requests may send large bodies.
  void set_upload_policy(UploadPolicy p, UploadGate gate = {}) {
    upload_policy_ = std::move(p);
    upload_gate_ = std::move(gate);
  }

  struct Impl;  // defined in server.cpp, where Beast lives

 private:
  std::unique_ptr<Impl> impl_;
  ServerOptions options_;
  Handler handler_;
  InlinePredicate runs_inline_;
  UploadPolicy upload_policy_;
  UploadGate upload_gate_;
  uint16_t port_ = 0;
};

}  // namespace renkei::http
