#include "platform/http/server.hpp"

#include <limits>

#include <sys/socket.h>
#include <sys/stat.h>

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <filesystem>
#include <list>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "platform/private_dir.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

namespace {
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// One connection's state as seen by the drain logic; touched only on its io thread.
struct Conn {
  beast::tcp_stream* stream = nullptr;
  bool busy = false;
};

struct Loop {
  asio::io_context ctx{1};
  std::unique_ptr<tcp::acceptor> acceptor;
  std::list<Conn*> conns;
  std::thread thread;
};

Response PlainError(int status, const char* text) {
  Response r = Response::Text(text, status);
  r.set_header("Connection", "close");
  return r;
}

}  // namespace

struct Server::Impl {
  std::vector<std::unique_ptr<Loop>> loops;
  std::unique_ptr<asio::thread_pool> workers;
  asio::io_context signals_ctx{1};
  std::atomic<bool> draining{false};
  std::atomic<int> active{0};
  std::unique_ptr<asio::ssl::context> tls;  // set when ServerOptions names a certificate
  std::string upload_dir;                   // checked at listen()

  // Connections and large uploads per address, shared by every io thread. REQUIRES: counts_mu held.
  std::mutex counts_mu;
  std::unordered_map<std::string, int> connections;
  std::unordered_map<std::string, int> uploads;
  int uploads_total = 0;

  bool Take(std::unordered_map<std::string, int>& m, const std::string& addr, int limit, int* total = nullptr, int total_limit = 0) {
    std::lock_guard lock(counts_mu);
    if (m[addr] >= limit || (total && *total >= total_limit)) {
      if (m[addr] == 0) m.erase(addr);
      return false;
    }
    m[addr]++;
    if (total) ++*total;
    return true;
  }
  void Give(std::unordered_map<std::string, int>& m, const std::string& addr, int* total = nullptr) {
    std::lock_guard lock(counts_mu);
    if (--m[addr] <= 0) m.erase(addr);
    if (total) --*total;
  }
};

namespace {
// Holds one upload slot of an address for the scope.
struct UploadSlot {
  UploadSlot(Server::Impl& i, std::string a) : impl(i), addr(std::move(a)) {}
  UploadSlot(const UploadSlot&) = delete;
  UploadSlot& operator=(const UploadSlot&) = delete;
  ~UploadSlot() { impl.Give(impl.uploads, addr, &impl.uploads_total); }
  Server::Impl& impl;
  std::string addr;
};
}  // namespace

Server::Server(ServerOptions options, Handler handler, InlinePredicate runs_inline)
    : impl_(std::make_unique<Impl>()), options_(std::move(options)), handler_(std::move(handler)), runs_inline_(std::move(runs_inline)) {
  if (options_.io_threads <= 0) options_.io_threads = std::max(1u, std::thread::hardware_concurrency());
  if (options_.workers <= 0) options_.workers = 4;
}

Server::~Server() {
  stop();
  for (auto& l : impl_->loops)
    if (l->thread.joinable()) l->thread.join();
  if (impl_->workers) impl_->workers->join();
}

void Server::listen() {
  auto dir = files::PrivateDirectory(options_.upload_dir, "renkei-uploads");
  if (!dir.ok()) throw std::runtime_error(dir.status().message());
  impl_->upload_dir = *dir;
  if (!options_.tls_cert.empty()) {
    auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    // TLS 1.2 and later only.
    ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                     asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
    ctx->use_certificate_chain_file(options_.tls_cert);
    ctx->use_private_key_file(options_.tls_key, asio::ssl::context::pem);
    impl_->tls = std::move(ctx);
  }
  auto addr = asio::ip::make_address(options_.host);
  uint16_t port = options_.port;
  for (int i = 0; i < options_.io_threads; ++i) {
    auto loop = std::make_unique<Loop>();
    auto acc = std::make_unique<tcp::acceptor>(loop->ctx);
    tcp::endpoint ep(addr, port);
    acc->open(ep.protocol());
    acc->set_option(asio::socket_base::reuse_address(true));
    acc->set_option(reuse_port(true));
    acc->bind(ep);
    acc->listen(asio::socket_base::max_listen_connections);
    // With port 0 the first listener picks the port; the others share it.
    port = acc->local_endpoint().port();
    loop->acceptor = std::move(acc);
    impl_->loops.push_back(std::move(loop));
  }
  port_ = port;
  impl_->workers = std::make_unique<asio::thread_pool>(options_.workers);
}

namespace {

template <class Body>
Request ToRequest(const bhttp::request<Body>& in, const std::string& remote, bool& ok) {
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  auto parsed = boost::urls::parse_origin_form(r.target);
  ok = parsed.has_value();
  if (!ok) return r;
  // Decoded path segments become ids and words in queries: valid UTF-8 only (PostgreSQL refuses the rest).
  r.path = text::ValidUtf8(parsed->path());
  r.query_string = std::string(parsed->encoded_query());
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.add(std::move(name), std::string(f.value()));
  }
  if constexpr (std::is_same_v<Body, bhttp::string_body>) r.body = in.body();
  r.remote_addr = remote;
  return r;
}

std::string UploadPath(const std::string& dir) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char name[64];
  std::snprintf(name, sizeof name, "/renkei-upload-%016llx", static_cast<unsigned long long>(rng()));
  return dir + name;
}

// Writes an event stream until the source ends, the client leaves, or the server drains.
template <class Stream>
asio::awaitable<void> StreamEvents(Stream& stream, EventSource& src, Server::Impl& impl) {
  auto io_ex = co_await asio::this_coro::executor;
  asio::steady_timer timer(io_ex);
  auto& lowest = beast::get_lowest_layer(stream);
  auto last_write = std::chrono::steady_clock::now();
  const auto deadline = last_write + std::chrono::hours(1);
  while (!impl.draining && std::chrono::steady_clock::now() < deadline) {
    std::string chunk;
    bool more = true;
    co_await asio::post(asio::bind_executor(*impl.workers, asio::use_awaitable));
    try {
      more = src.Poll(chunk);
    } catch (const std::exception& e) {
      spdlog::error("event source failed: {}", e.what());
      more = false;
    }
    co_await asio::post(asio::bind_executor(io_ex, asio::use_awaitable));
    // A comment line now and then keeps proxies from closing a quiet stream.
    if (chunk.empty() && std::chrono::steady_clock::now() - last_write > std::chrono::seconds(15)) chunk = ": keep-alive\n\n";
    if (!chunk.empty()) {
      lowest.expires_after(std::chrono::seconds(30));
      auto [ec, n] = co_await asio::async_write(stream, asio::buffer(chunk), kTuple);
      if (ec) co_return;
      last_write = std::chrono::steady_clock::now();
    }
    if (!more) co_return;
    timer.expires_after(src.interval());
    auto [tec] = co_await timer.async_wait(kTuple);
    (void)tec;
  }
}

// What a connection calls besides the socket: the application and its policies.
struct Hooks {
  const Handler& handler;
  const InlinePredicate& runs_inline;
  const UploadPolicy& upload_policy;
  const UploadGate& upload_gate;
};

// One request as read from a connection: the request, or an answer already decided (a refusal, an error),
// or nothing when the connection is to close quietly.
struct Incoming {
  Request req;
  std::optional<Response> answer;
  bool close_quietly = false;
  bool keep_alive = false;
};

std::optional<Response> ErrorAnswer(const beast::error_code& ec, bool& quiet) {
  if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
      ec == asio::error::connection_reset || ec == asio::error::bad_descriptor || ec == asio::ssl::error::stream_truncated) {
    quiet = true;
    return std::nullopt;
  }
  if (ec == bhttp::error::body_limit) return PlainError(413, "Request body too large\n");
  if (ec == bhttp::error::header_limit) return PlainError(431, "Request header fields too large\n");
  return PlainError(400, "Bad request\n");
}

// Streams a large body to a private file. The caller holds an upload slot.
template <class Stream>
asio::awaitable<beast::error_code> ReadBodyToFile(Stream& stream, beast::flat_buffer& buffer,
                                                  bhttp::request_parser<bhttp::empty_body>& head_parser, size_t limit,
                                                  const ServerOptions& opts, Server::Impl& impl, Request& req) {
  bhttp::request_parser<bhttp::file_body> file_parser{std::move(head_parser)};
  file_parser.body_limit(limit);
  auto body_file = std::make_shared<BodyFile>(UploadPath(impl.upload_dir));
  beast::error_code ec;
  file_parser.get().body().open(body_file->path().c_str(), beast::file_mode::write_new, ec);
  if (ec) {
    spdlog::error("cannot create upload file {}: {}", body_file->path(), ec.message());
    co_return ec;
  }
  // Only this user may read it (the directory is private too).
  ::chmod(body_file->path().c_str(), 0600);
  // A slow upload of many megabytes may take longer than one read timeout.
  beast::get_lowest_layer(stream).expires_after(opts.read_timeout * 10);
  auto [rec, n] = co_await bhttp::async_read(stream, buffer, file_parser, kTuple);
  file_parser.get().body().close();
  if (!rec) req.body_file = body_file;
  co_return rec;
}

// Reads one request: the head first, which decides where the body goes (memory, or a file for a large
// upload, which must be let in before a byte of it is read).
template <class Stream>
asio::awaitable<Incoming> ReadRequest(Stream& stream, beast::flat_buffer& buffer, const std::string& remote, const ServerOptions& opts,
                                      const Hooks& hooks, Server::Impl& impl) {
  Incoming in;
  auto io_ex = co_await asio::this_coro::executor;
  beast::tcp_stream& lowest = beast::get_lowest_layer(stream);
  bhttp::request_parser<bhttp::empty_body> head_parser;
  head_parser.header_limit(static_cast<std::uint32_t>(opts.header_limit));
  head_parser.body_limit(boost::none);  // known only after the head, from the route: checked below
  lowest.expires_after(opts.idle_timeout);
  auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, head_parser, kTuple);
  bool ok = false;
  if (!ec) {
    in.keep_alive = head_parser.get().keep_alive();  // knows HTTP/1.0's default too
    in.req = ToRequest(head_parser.get(), remote, ok);
    if (!ok) {
      in.answer = PlainError(400, "Bad request target\n");
      co_return in;
    }
    const size_t upload = hooks.upload_policy ? hooks.upload_policy(in.req) : 0;
    const auto len = head_parser.content_length();
    // A body that fits in memory is read like any other; only one that goes to disk needs letting in.
    const bool large = upload > opts.body_limit && !(len && *len <= opts.body_limit);
    if (len && *len > std::max(upload, opts.body_limit)) ec = bhttp::error::body_limit;
    if (!ec && large && hooks.upload_gate) {
      // Who is sending, and may they? Asked before the body (and before 100-continue invites it).
      co_await asio::post(asio::bind_executor(*impl.workers, asio::use_awaitable));
      auto refusal = hooks.upload_gate(in.req);
      co_await asio::post(asio::bind_executor(io_ex, asio::use_awaitable));
      if (refusal) {
        in.answer = std::move(*refusal);
        in.answer->set_header("Connection", "close");
        co_return in;
      }
    }
    const int per_address = opts.proxies.Contains(remote) ? std::numeric_limits<int>::max() : opts.max_uploads_per_address;
    if (!ec && large && !impl.Take(impl.uploads, remote, per_address, &impl.uploads_total, opts.max_uploads)) {
      in.answer = PlainError(503, "Too many uploads at once. Please try again in a minute.\n");
      in.answer->set_header("Retry-After", "30");
      co_return in;
    }
    std::optional<UploadSlot> slot;
    if (!ec && large) slot.emplace(impl, remote);
    if (!ec && head_parser.get()[bhttp::field::expect] == "100-continue") {
      // curl and others wait for this before sending a large body.
      bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
      auto [cec, cn] = co_await bhttp::async_write(stream, cont, kTuple);
      ec = cec;
    }
    lowest.expires_after(opts.read_timeout);
    if (!ec && large) {
      ec = co_await ReadBodyToFile(stream, buffer, head_parser, upload, opts, impl, in.req);
    } else if (!ec) {
      bhttp::request_parser<bhttp::string_body> string_parser{std::move(head_parser)};
      string_parser.body_limit(opts.body_limit);
      std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, string_parser, kTuple);
      if (!ec) in.req.body = string_parser.get().body();
    }
  }
  if (ec) in.answer = ErrorAnswer(ec, in.close_quietly);
  co_return in;
}

// Writes a response (only its head for HEAD); false when the write failed.
template <class Stream>
asio::awaitable<bool> WriteResponse(Stream& stream, Response& res, bool keep_alive, bool head, const ServerOptions& opts) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), 11};
  for (const auto& [k, v] : res.headers.items()) {
    if (k == "Connection") continue;
    out.insert(k, v);
  }
  out.keep_alive(keep_alive);
  if (head) {
    out.content_length(res.body.size());
  } else {
    out.body() = std::move(res.body);
    out.prepare_payload();
  }
  beast::get_lowest_layer(stream).expires_after(opts.write_timeout);
  bhttp::serializer<false, bhttp::string_body> sr{out};
  if (head) sr.split(true);
  // if/else, not a conditional expression around two co_awaits: g++ 12 destroys the result twice.
  boost::system::error_code wec;
  if (head) {
    auto [e, w] = co_await bhttp::async_write_header(stream, sr, kTuple);
    wec = e;
  } else {
    auto [e, w] = co_await bhttp::async_write(stream, sr, kTuple);
    wec = e;
  }
  co_return !wec;
}

// Runs the handler on the worker pool, since it may block on the database; handlers that cannot block
// (health, static files) run here and save two thread switches.
asio::awaitable<Response> Handle(Request& req, const Hooks& hooks, Server::Impl& impl, bool& keep_alive) {
  auto io_ex = co_await asio::this_coro::executor;
  const bool here = hooks.runs_inline && hooks.runs_inline(req);
  if (!here) co_await asio::post(asio::bind_executor(*impl.workers, asio::use_awaitable));
  Response res;
  try {
    res = hooks.handler(req);
  } catch (const std::exception& e) {
    spdlog::error("handler for {} {} threw: {}", req.method, req.path, e.what());
    res = PlainError(500, "Internal server error\n");
    keep_alive = false;
  }
  if (!here) co_await asio::post(asio::bind_executor(io_ex, asio::use_awaitable));
  co_return res;
}

// Serves one connection, plain (beast::tcp_stream) or TLS (beast::ssl_stream<beast::tcp_stream>).
template <class Stream>
asio::awaitable<void> Serve(Stream& stream, beast::flat_buffer& buffer, bool tls, const ServerOptions& opts, const Hooks& hooks,
                            Server::Impl& impl, Loop& loop) {
  beast::tcp_stream& lowest = beast::get_lowest_layer(stream);
  std::string remote;
  boost::system::error_code ec_ep;
  auto ep = lowest.socket().remote_endpoint(ec_ep);
  if (!ec_ep) remote = ep.address().to_string();
  // One address may hold only so many connections: a flood from one place cannot take every socket.
  // (A trusted reverse proxy brings every client through one address: it is not limited as one client.)
  const int per_address = opts.proxies.Contains(remote) ? std::numeric_limits<int>::max() : opts.max_connections_per_address;
  if (!impl.Take(impl.connections, remote, per_address)) co_return;
  Conn conn{&lowest, false};
  loop.conns.push_back(&conn);
  impl.active++;
  // Remove this connection from the drain list and the counts however the coroutine ends.
  struct Unlist {
    Loop& l;
    Conn* c;
    Server::Impl& i;
    std::string addr;
    ~Unlist() {
      l.conns.remove(c);
      i.active--;
      i.Give(i.connections, addr);
    }
  } unlist{loop, &conn, impl, remote};

  for (int served = 0; served < opts.max_requests_per_connection && !impl.draining; ++served) {
    Incoming in = co_await ReadRequest(stream, buffer, remote, opts, hooks, impl);
    if (in.close_quietly) co_return;
    conn.busy = true;
    bool keep_alive = false;
    const bool head = !in.answer && in.req.method == "HEAD";
    Response res;
    if (in.answer) {
      res = std::move(*in.answer);
    } else {
      in.req.tls = tls;
      keep_alive = in.keep_alive;
      res = co_await Handle(in.req, hooks, impl, keep_alive);
    }
    if (res.events) {
      // An event stream: the head now, then events until the source ends; the connection closes after.
      bhttp::response<bhttp::empty_body> out{static_cast<bhttp::status>(res.status), 11};
      for (const auto& [k, v] : res.headers.items())
        if (k != "Connection") out.insert(k, v);
      out.keep_alive(false);
      bhttp::serializer<false, bhttp::empty_body> sr{out};
      lowest.expires_after(opts.write_timeout);
      auto [hec, hn] = co_await bhttp::async_write_header(stream, sr, kTuple);
      if (!hec) co_await StreamEvents(stream, *res.events, impl);
      conn.busy = false;
      break;
    }
    keep_alive = keep_alive && !impl.draining && served + 1 < opts.max_requests_per_connection && res.header("Connection") != "close";
    bool written = co_await WriteResponse(stream, res, keep_alive, head, opts);
    conn.busy = false;
    if (!written || !keep_alive) break;
  }
}

asio::awaitable<void> Session(tcp::socket socket, asio::ssl::context* tls, const ServerOptions& opts, const Hooks& hooks,
                              Server::Impl& impl, Loop& loop) {
  // This buffer is required to persist across reads: it may hold the start of the next request.
  beast::flat_buffer buffer;
  boost::system::error_code ignored;
  if (!tls) {
    beast::tcp_stream stream(std::move(socket));
    co_await Serve(stream, buffer, false, opts, hooks, impl, loop);
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    co_return;
  }
  beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls);
  beast::get_lowest_layer(stream).expires_after(opts.read_timeout);
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kTuple);
  if (ec) {
    spdlog::debug("TLS handshake failed: {}", ec.message());
    co_return;
  }
  co_await Serve(stream, buffer, true, opts, hooks, impl, loop);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
  auto [sec] = co_await stream.async_shutdown(kTuple);
  (void)sec;
}

asio::awaitable<void> Accept(Loop& loop, asio::ssl::context* tls, const ServerOptions& opts, const Hooks& hooks, Server::Impl& impl) {
  while (true) {
    auto [ec, socket] = co_await loop.acceptor->async_accept(kTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || !loop.acceptor->is_open()) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    socket.set_option(tcp::no_delay(true));
    asio::co_spawn(loop.ctx, Session(std::move(socket), tls, opts, hooks, impl, loop), asio::detached);
  }
}

}  // namespace

void Server::run() {
  if (impl_->loops.empty()) listen();
  const Hooks hooks{handler_, runs_inline_, upload_policy_, upload_gate_};
  for (auto& l : impl_->loops) {
    Loop& loop = *l;
    asio::co_spawn(loop.ctx, Accept(loop, impl_->tls.get(), options_, hooks, *impl_), asio::detached);
    loop.thread = std::thread([&loop] { loop.ctx.run(); });
  }
  asio::signal_set signals(impl_->signals_ctx, SIGINT, SIGTERM);
  signals.async_wait([this](const boost::system::error_code& ec, int sig) {
    if (!ec) spdlog::info("signal {} received: draining", sig);
    impl_->signals_ctx.stop();
  });
  auto guard = asio::make_work_guard(impl_->signals_ctx);
  impl_->signals_ctx.run();

  // Drain: stop accepting, close idle connections, let busy ones finish their response.
  impl_->draining = true;
  for (auto& l : impl_->loops) {
    Loop& loop = *l;
    asio::post(loop.ctx, [&loop] {
      boost::system::error_code ec;
      loop.acceptor->close(ec);
      for (Conn* c : loop.conns)
        if (!c->busy) c->stream->socket().close(ec);
    });
  }
  auto deadline = std::chrono::steady_clock::now() + options_.drain_timeout;
  while (impl_->active > 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (impl_->active > 0) spdlog::warn("{} connections still open after the drain timeout", impl_->active.load());
  for (auto& l : impl_->loops) l->ctx.stop();
  for (auto& l : impl_->loops)
    if (l->thread.joinable()) l->thread.join();
  impl_->workers->join();
  spdlog::info("server stopped");
}

void Server::stop() {
  if (!impl_->signals_ctx.stopped()) impl_->signals_ctx.stop();
}

}  // namespace renkei::http
