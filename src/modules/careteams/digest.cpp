// E-mail digests of care teams: an address per member, and once a day a message that something waits,
// with a link and counts only (the rule: no patient detail ever leaves by e-mail).
#include "modules/careteams/service.hpp"
#include "platform/clock.hpp"

namespace renkei::careteams {
namespace {

using security::Principal;

// An address as mail servers take it: one @, something either side, a dot in the domain, no spaces or
// line breaks (which would let a header in), at most 254 characters.
bool PlausibleEmail(const std::string& e) {
  if (e.size() > 254 || e.size() < 5) return false;
  auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return false;
  auto dot = e.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot == e.size() - 1) return false;
  for (unsigned char c : e)
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '\\') return false;
  return true;
}

mail::Message DigestMessage(const store::DigestDue& d, const std::string& public_url) {
  std::string body = "Renkei（在宅医療・介護連携）のケアチームで、あなたを待っていることがあります。\n\n";
  if (d.addressed > 0) body += "・あなた宛ての新しい連絡（投稿・タスク）：" + std::to_string(d.addressed) + " 件\n";
  if (d.tasks_due > 0) body += "・期限が今日まで、または過ぎたタスク：" + std::to_string(d.tasks_due) + " 件\n";
  body += "\n内容はログインしてご覧ください。\n" + (public_url.empty() ? std::string("（Renkei のケアチーム）") : public_url + "/teams") +
          "\n\nこのメールには患者さんの情報を載せていません。受け取りをやめるには、ケアチームの画面で通知メールの"
          "アドレスを消してください。\n";
  return {d.email, "【Renkei】ケアチームからのお知らせ", body};
}

}  // namespace

std::string CareTeamService::DigestEmail(const Principal& p) {
  if (!SharesCare(p)) return "";
  storage::Lease l(db_);
  return store::DigestEmailOf(l.sql(), p.user.id);
}

Status CareTeamService::SetDigestEmail(const Principal& p, const std::string& addr, const std::string& email) {
  if (!SharesCare(p)) return Status::PermissionDenied("@error.forbidden");
  if (!email.empty() && !PlausibleEmail(email)) return Status::InvalidArgument("@careteams.error.bad_email");
  storage::Transaction tx(db_);
  store::SetDigestEmail(tx.sql(), p.user.id, email, clock::NowIso());
  security::AppendAudit(tx.sql(), tx.engine(),
                        {.actor = p.user.login,
                         .action = email.empty() ? "careteams.digest_off" : "careteams.digest_on",
                         .subject = "user:" + p.user.id,
                         .remote_addr = addr,
                         .detail = ""});
  tx.commit();
  return Status::Ok();
}

Result<int> CareTeamService::SendDigests(mail::Mailer& mailer, const std::string& public_url) {
  if (!mailer.enabled()) return Status::FailedPrecondition("SMTP が設定されていません（[mail] smtp_url と from）。何も送っていません。");
  const auto now = clock::Now();
  const std::string recent = clock::ToIso(now - std::chrono::hours(20));
  std::vector<store::DigestDue> due;
  {
    storage::Lease l(db_);
    due = store::DigestsDue(l.sql(), clock::TodayInTokyo());
  }
  int sent = 0;
  Status first_failure = Status::Ok();
  for (const auto& d : due) {
    if (!d.last_sent_at.empty() && d.last_sent_at > recent) continue;
    {  // Claimed before sending: two runs (or two servers' timers) never send the same digest twice.
      storage::Transaction tx(db_);
      if (!store::ClaimDigest(tx.sql(), d.user_id, d.last_sent_at, clock::ToIso(now))) continue;
      tx.commit();
    }
    if (auto s = mailer.SendNow(DigestMessage(d, public_url)); !s.ok()) {
      if (first_failure.ok()) first_failure = s;
      continue;
    }
    ++sent;
  }
  if (!first_failure.ok() && sent == 0 && !due.empty()) return first_failure;
  return sent;
}

}  // namespace renkei::careteams
