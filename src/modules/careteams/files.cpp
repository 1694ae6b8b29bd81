// Photos and PDFs of a team's posts: checked and kept before the post's transaction (re-encoding a photo
// takes tens of milliseconds, which no transaction should wait for), read back by members only.
#include "modules/careteams/service.hpp"
#include "platform/clock.hpp"
#include "platform/ids.hpp"
#include "platform/media/images.hpp"
#include "platform/security/crypto.hpp"
#include "platform/text/japanese.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::careteams {
namespace {

using security::Principal;

bool IsPdf(std::string_view bytes) { return bytes.substr(0, 5) == "%PDF-"; }

// The name as sent, reduced to its last path part and to printable text; "写真" or "file.pdf" when
// nothing is left. A photo's extension becomes .jpg, as it is kept.
std::string FileName(const std::string& sent, bool photo) {
  std::string name = sent.substr(sent.find_last_of("/\\") == std::string::npos ? 0 : sent.find_last_of("/\\") + 1);
  name = text::Utf8Prefix(text::Clean(text::ValidUtf8(name)), 120);
  if (photo) {
    auto dot = name.rfind('.');
    name = (dot == std::string::npos ? name : name.substr(0, dot));
    return (name.empty() ? "写真" : name) + ".jpg";
  }
  return name.empty() ? "file.pdf" : name;
}

}  // namespace

void CareTeamService::DropFiles(const std::vector<store::File>& files) {
  for (const auto& f : files) {
    files_->Remove(f.blob);
    if (!f.thumb_blob.empty()) files_->Remove(f.thumb_blob);
  }
}

Result<std::vector<store::File>> CareTeamService::KeepFiles(const std::vector<FileInput>& in) {
  std::vector<store::File> kept;
  if (in.empty()) return kept;
  if (!files_ || !files_->enabled()) return Status::Unavailable("@media.error.no_store");
  if (in.size() > kMaxFilesPerPost) return Status::InvalidArgument("@media.error.too_many");
  auto fail = [&](Status s) {
    DropFiles(kept);
    return s;
  };
  for (const auto& f : in) {
    store::File row{.id = security::NewId()};
    if (IsPdf(f.bytes)) {
      if (f.bytes.size() > kMaxPdfBytes) return fail(Status::InvalidArgument("@media.error.too_large"));
      auto blob = files_->Put(f.bytes);
      if (!blob.ok()) return fail(blob.status());
      row.kind = "pdf", row.content_type = "application/pdf", row.blob = *blob, row.size = static_cast<long long>(f.bytes.size());
      row.name = FileName(f.name, false);
      kept.push_back(std::move(row));
      continue;
    }
    auto picture = media::Reencode(f.bytes);
    if (!picture.ok()) return fail(picture.status());
    auto blob = files_->Put(picture->jpeg);
    if (!blob.ok()) return fail(blob.status());
    row.blob = *blob;
    auto thumb = files_->Put(picture->thumb);
    if (!thumb.ok()) {
      files_->Remove(row.blob);
      return fail(thumb.status());
    }
    row.kind = "image", row.content_type = "image/jpeg", row.thumb_blob = *thumb;
    row.size = static_cast<long long>(picture->jpeg.size()), row.width = picture->width, row.height = picture->height;
    row.name = FileName(f.name, true);
    kept.push_back(std::move(row));
  }
  return kept;
}

Result<CareTeamService::FileBytes> CareTeamService::FileOf(const Principal& p, const std::string& addr, const std::string& id,
                                                           const std::string& file_id, bool thumbnail) {
  FileBytes out;
  out.thumbnail = thumbnail;
  {
    storage::Transaction tx(db_);
    auto patient = Consented(tx, p, addr, id, thumbnail ? "thumbnail" : "file");
    if (!patient.ok()) return patient.status();
    auto row = ids::Valid(file_id) ? store::LoadFile(tx.sql(), file_id) : std::nullopt;
    if (!row || row->patient_id != id || (thumbnail && row->thumb_blob.empty())) return Status::NotFound("@careteams.error.not_found");
    // A thumbnail is part of the timeline already audited as a view; it is logged, but not listed.
    Audit(tx, p, addr, thumbnail ? "patient.thumbnail_viewed" : "patient.viewed", id, (thumbnail ? "thumbnail " : "file ") + row->name);
    tx.commit();
    out.file = std::move(*row);
  }
  if (!files_) return Status::Unavailable("@media.error.no_store");
  auto bytes = files_->Read(thumbnail ? out.file.thumb_blob : out.file.blob);
  if (!bytes.ok()) return Status::Internal("@media.error.missing", out.file.blob + ": " + bytes.status().detail());
  out.bytes = std::move(*bytes);
  return out;
}

}  // namespace renkei::careteams
