#pragma once
// E-mail through an SMTP server (libcurl), for confirmations people may like but never need: sending
// happens on a background thread, a failure is logged and nothing else, and without a configured server
// nothing is sent at all. Messages are UTF-8 plain text (base64), subjects RFC 2047-encoded.
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "platform/status.hpp"

namespace renkei::mail {

struct MailConfig {
  std::string url;   // smtp://host:25 (STARTTLS when offered), smtps://host:465; "" = no e-mail
  std::string from;  // the envelope and From: address
  std::string user, password;
  bool require_tls = false;  // refuse to send in clear text
};

struct Message {
  std::string to;
  std::string subject;
  std::string body;
};

// The bytes of a message as sent (headers and base64 body), for tests and the SMTP client.
std::string Format(const Message& m, const std::string& from);

class Mailer {
 public:
  explicit Mailer(MailConfig config);
  ~Mailer();
  Mailer(const Mailer&) = delete;
  Mailer& operator=(const Mailer&) = delete;
  bool enabled() const { return !config_.url.empty() && !config_.from.empty(); }
  // Queues the message; returns at once. Dropped (and logged) when the queue holds 1000 already.
  void Send(Message m);
  // Sends now on this thread (the command line; the background thread).
  Status SendNow(const Message& m);

 private:
  void Run();
  MailConfig config_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Message> queue_;
  bool stop_ = false;
  std::thread worker_;
};

}  // namespace renkei::mail
