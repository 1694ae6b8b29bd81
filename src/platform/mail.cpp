#include "platform/mail.hpp"

#include <algorithm>

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstring>
#include <ctime>

#include "platform/security/crypto.hpp"

namespace renkei::mail {
namespace {

// Header values never carry line breaks (header injection).
std::string OneLine(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n') c = ' ';
  return s;
}

struct Reader {
  const std::string& data;
  size_t pos = 0;
};
size_t ReadCallback(char* buffer, size_t size, size_t nitems, void* userp) {
  auto* r = static_cast<Reader*>(userp);
  size_t n = std::min(size * nitems, r->data.size() - r->pos);
  std::copy_n(r->data.data() + r->pos, n, buffer);
  r->pos += n;
  return n;
}

}  // namespace

std::string Format(const Message& m, const std::string& from) {
  char date[64];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string body64 = security::Base64Encode(m.body);
  std::string wrapped;
  for (size_t i = 0; i < body64.size(); i += 76) wrapped += body64.substr(i, 76) + "\r\n";
  std::string domain = from.substr(from.find('@') == std::string::npos ? from.size() : from.find('@') + 1);
  return "Date: " + std::string(date) + "\r\nFrom: " + OneLine(from) + "\r\nTo: " + OneLine(m.to) + "\r\nSubject: =?UTF-8?B?" +
         security::Base64Encode(OneLine(m.subject)) + "?=\r\nMessage-ID: <" + security::RandomHex(16) + "@" +
         (domain.empty() ? "renkei" : domain) +
         ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + wrapped;
}

Mailer::Mailer(MailConfig config) : config_(std::move(config)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });  // not thread-safe: before any thread uses curl
  if (enabled()) worker_ = std::thread([this] { Run(); });
}

Mailer::~Mailer() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void Mailer::Send(Message m) {
  if (!enabled()) return;
  {
    std::lock_guard<std::mutex> l(mu_);
    if (queue_.size() >= 1000) {
      spdlog::warn("mail queue full; dropped a message");
      return;
    }
    queue_.push_back(std::move(m));
  }
  cv_.notify_one();
}

void Mailer::Run() {
  for (;;) {
    Message m;
    {
      std::unique_lock<std::mutex> l(mu_);
      cv_.wait(l, [this] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to send
      m = std::move(queue_.front());
      queue_.pop_front();
    }
    if (auto s = SendNow(m); !s.ok()) spdlog::warn("mail not sent: {}", s.detail());
  }
}

Status Mailer::SendNow(const Message& m) {
  if (!enabled()) return Status::FailedPrecondition("メールの送信先サーバーが設定されていません。");
  if (m.to.empty() || m.to.find_first_of("\r\n<>, ") != std::string::npos || m.to.find('@') == std::string::npos)
    return Status::InvalidArgument("メールアドレスが正しくありません。", m.to);
  CURL* curl = curl_easy_init();
  if (!curl) return Status::Internal("メールを送れません。", "curl_easy_init");
  std::string data = Format(m, config_.from);
  Reader reader{data};
  curl_slist* rcpt = curl_slist_append(nullptr, m.to.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, config_.from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadCallback);
  curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, config_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!config_.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, config_.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
  }
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return Status::Unavailable("メールを送れませんでした。", curl_easy_strerror(rc));
  return Status::Ok();
}

}  // namespace renkei::mail
