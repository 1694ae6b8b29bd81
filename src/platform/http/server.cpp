#include "platform/http/server.hpp"

#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <filesystem>
#include <list>
#include <random>
#include <thread>

#include <spdlog/spdlog.h>

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
};

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
  r.path = parsed->path();
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

std::string UploadPath(const ServerOptions& opts) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string dir = opts.upload_dir.empty() ? std::filesystem::temp_directory_path().string() : opts.upload_dir;
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

// Serves one connection, plain (beast::tcp_stream) or TLS (beast::ssl_stream<beast::tcp_stream>).
template <class Stream>
asio::awaitable<void> Serve(Stream& stream, beast::flat_buffer& buffer, bool tls, const ServerOptions& opts,
                            const Handler& handler, const InlinePredicate& runs_inline, const UploadPolicy& upload_policy,
                            Server::Impl& impl, Loop& loop) {
  beast::tcp_stream& lowest = beast::get_lowest_layer(stream);
  Conn conn{&lowest, false};
  loop.conns.push_back(&conn);
  impl.active++;
  // Remove this connection from the drain list however the coroutine ends.
  struct Unlist {
    Loop& l;
    Conn* c;
    Server::Impl& i;
    ~Unlist() { l.conns.remove(c); i.active--; }
  } unlist{loop, &conn, impl};

  std::string remote;
  boost::system::error_code ec_ep;
  auto ep = lowest.socket().remote_endpoint(ec_ep);
  if (!ec_ep) remote = ep.address().to_string();

  auto io_ex = co_await asio::this_coro::executor;
  for (int served = 0; served < opts.max_requests_per_connection && !impl.draining; ++served) {
    // The head first: it decides where the body goes (memory, or a file for a large upload).
    bhttp::request_parser<bhttp::empty_body> head_parser;
    head_parser.header_limit(static_cast<std::uint32_t>(opts.header_limit));
    // The body's limit depends on the route, known only after the head: checked below.
    head_parser.body_limit(boost::none);
    lowest.expires_after(opts.idle_timeout);
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, head_parser, kTuple);
    Response res;
    bool keep_alive = false;
    bool head = false;
    Request req;
    bool ok = false;
    bool wants_keep_alive = false;
    if (!ec) {
      conn.busy = true;
      wants_keep_alive = head_parser.get().keep_alive();  // knows HTTP/1.0's default too
      Request head_req = ToRequest(head_parser.get(), remote, ok);
      size_t upload = ok && upload_policy ? upload_policy(head_req) : 0;
      const size_t limit = std::max(upload, opts.body_limit);
      if (auto len = head_parser.content_length(); len && *len > limit) ec = bhttp::error::body_limit;
      if (!ec && ok && head_parser.get()[bhttp::field::expect] == "100-continue") {
        // curl and others wait for this before sending a large body.
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
        auto [cec, cn] = co_await bhttp::async_write(stream, cont, kTuple);
        ec = cec;
      }
      lowest.expires_after(opts.read_timeout);
      if (!ec && upload > opts.body_limit) {
        bhttp::request_parser<bhttp::file_body> file_parser{std::move(head_parser)};
        file_parser.body_limit(upload);
        auto body_file = std::make_shared<BodyFile>(UploadPath(opts));
        beast::error_code fec;
        file_parser.get().body().open(body_file->path().c_str(), beast::file_mode::write_new, fec);
        if (fec) {
          spdlog::error("cannot create upload file {}: {}", body_file->path(), fec.message());
          ec = fec;
        } else {
          // A slow upload of many megabytes may take longer than one read timeout.
          lowest.expires_after(opts.read_timeout * 10);
          std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, file_parser, kTuple);
          file_parser.get().body().close();
          if (!ec) {
            req = std::move(head_req);
            req.body_file = body_file;
          }
        }
      } else if (!ec) {
        bhttp::request_parser<bhttp::string_body> string_parser{std::move(head_parser)};
        string_parser.body_limit(opts.body_limit);
        std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, string_parser, kTuple);
        if (!ec) req = ToRequest(string_parser.get(), remote, ok);
      }
    }
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset || ec == asio::error::bad_descriptor ||
        ec == asio::ssl::error::stream_truncated) {
      co_return;
    } else if (ec == bhttp::error::body_limit) {
      res = PlainError(413, "Request body too large\n");
    } else if (ec == bhttp::error::header_limit) {
      res = PlainError(431, "Request header fields too large\n");
    } else if (ec) {
      res = PlainError(400, "Bad request\n");
    } else if (!ok) {
      res = PlainError(400, "Bad request target\n");
    } else {
      req.tls = tls;
      keep_alive = wants_keep_alive;
      head = req.method == "HEAD";
      // Run the handler on the worker pool, since it may block on the database; handlers that
      // cannot block (health, static files) run here and save two thread switches.
      bool here = runs_inline && runs_inline(req);
      if (!here) co_await asio::post(asio::bind_executor(*impl.workers, asio::use_awaitable));
      try {
        res = handler(req);
      } catch (const std::exception& e) {
        spdlog::error("handler for {} {} threw: {}", req.method, req.path, e.what());
        res = PlainError(500, "Internal server error\n");
        keep_alive = false;
      }
      if (!here) co_await asio::post(asio::bind_executor(io_ex, asio::use_awaitable));
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
    keep_alive = keep_alive && !impl.draining && served + 1 < opts.max_requests_per_connection &&
                 res.header("Connection") != "close";

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
    lowest.expires_after(opts.write_timeout);
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
    conn.busy = false;
    if (wec || !keep_alive) break;
  }
}

asio::awaitable<void> Session(tcp::socket socket, asio::ssl::context* tls, const ServerOptions& opts, const Handler& handler,
                              const InlinePredicate& runs_inline, const UploadPolicy& upload_policy, Server::Impl& impl, Loop& loop) {
  // This buffer is required to persist across reads: it may hold the start of the next request.
  beast::flat_buffer buffer;
  boost::system::error_code ignored;
  if (!tls) {
    beast::tcp_stream stream(std::move(socket));
    co_await Serve(stream, buffer, false, opts, handler, runs_inline, upload_policy, impl, loop);
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
  co_await Serve(stream, buffer, true, opts, handler, runs_inline, upload_policy, impl, loop);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
  auto [sec] = co_await stream.async_shutdown(kTuple);
  (void)sec;
}

asio::awaitable<void> Accept(Loop& loop, asio::ssl::context* tls, const ServerOptions& opts, const Handler& handler,
                             const InlinePredicate& runs_inline, const UploadPolicy& upload_policy, Server::Impl& impl) {
  while (true) {
    auto [ec, socket] = co_await loop.acceptor->async_accept(kTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || !loop.acceptor->is_open()) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    socket.set_option(tcp::no_delay(true));
    asio::co_spawn(loop.ctx, Session(std::move(socket), tls, opts, handler, runs_inline, upload_policy, impl, loop), asio::detached);
  }
}

}  // namespace

void Server::run() {
  if (impl_->loops.empty()) listen();
  for (auto& l : impl_->loops) {
    Loop& loop = *l;
    asio::co_spawn(loop.ctx, Accept(loop, impl_->tls.get(), options_, handler_, runs_inline_, upload_policy_, *impl_), asio::detached);
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
  while (impl_->active > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
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
