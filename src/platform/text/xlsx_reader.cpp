#include "platform/text/xlsx_reader.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <optional>

namespace renkei::text {
namespace {

constexpr zip_uint64_t kMaxPart = 50 * 1024 * 1024;
constexpr size_t kMaxRows = 100000;
constexpr size_t kMaxCols = 500;

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct DocFreer {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using Doc = std::unique_ptr<xmlDoc, DocFreer>;

std::optional<std::string> Part(zip_t* z, const std::string& name) {
  zip_stat_t st;
  if (zip_stat(z, name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > kMaxPart) return std::nullopt;
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) return std::nullopt;
  std::string out(st.size, '\0');
  zip_int64_t n = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) return std::nullopt;
  return out;
}

Doc Parse(const std::string& xml) {
  // No network, no entities expanded, no DTD loading: the file is a stranger's.
  return Doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

bool Is(const xmlNode* n, const char* name) { return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0; }

std::string Attr(const xmlNode* n, const char* name) {
  for (xmlAttr* a = n->properties; a; a = a->next)
    if (xmlStrcmp(a->name, BAD_CAST name) == 0 && a->children && a->children->content)
      return reinterpret_cast<const char*>(a->children->content);
  return {};
}

// All text under a node (shared strings and inline strings split runs into several <t>).
void TextOf(const xmlNode* n, std::string& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content)
      out += reinterpret_cast<const char*>(c->content);
    else if (Is(c, "rPh"))
      continue;  // furigana runs are not the cell's text
    else
      TextOf(c, out);
  }
}

// "BC12" → column 54 (0-based) and row 11 (0-based).
bool CellRef(const std::string& ref, size_t& col, size_t& row) {
  size_t i = 0;
  col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') col = col * 26 + static_cast<size_t>(ref[i++] - 'A' + 1);
  if (col == 0 || i == ref.size()) return false;
  row = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    row = row * 10 + static_cast<size_t>(ref[i] - '0');
    if (row > kMaxRows + 1) return false;
  }
  if (row == 0) return false;
  col -= 1, row -= 1;
  return true;
}

}  // namespace

Result<Sheet> ReadXlsxSheet(std::string_view bytes, const std::string& wanted) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return Status::InvalidArgument("@files.not_xlsx");
  std::unique_ptr<zip_t, ZipCloser> z(zip_open_from_source(src, ZIP_RDONLY, &err));
  if (!z) {
    zip_source_free(src);
    return Status::InvalidArgument("@files.not_xlsx");
  }
  auto workbook = Part(z.get(), "xl/workbook.xml");
  auto rels = Part(z.get(), "xl/_rels/workbook.xml.rels");
  if (!workbook || !rels) return Status::InvalidArgument("@files.not_xlsx");
  std::map<std::string, std::string> targets;
  if (Doc d = Parse(*rels))
    for (xmlNode* r = xmlDocGetRootElement(d.get())->children; r; r = r->next)
      if (Is(r, "Relationship")) targets[Attr(r, "Id")] = Attr(r, "Target");
  // The sheets in order (name, part); the one asked for, else the first.
  std::vector<std::pair<std::string, std::string>> sheets;
  if (Doc d = Parse(*workbook)) {
    for (xmlNode* n = xmlDocGetRootElement(d.get())->children; n; n = n->next)
      if (Is(n, "sheets"))
        for (xmlNode* s = n->children; s; s = s->next) {
          if (!Is(s, "sheet")) continue;
          std::string id;
          for (xmlAttr* a = s->properties; a; a = a->next)
            if (xmlStrcmp(a->name, BAD_CAST "id") == 0 && a->children) id = reinterpret_cast<const char*>(a->children->content);  // r:id
          sheets.emplace_back(Attr(s, "name"), targets[id]);
        }
  }
  if (sheets.empty()) return Status::InvalidArgument("@files.not_xlsx");
  Sheet sheet;
  std::string target = sheets.front().second;
  sheet.name = sheets.front().first;
  for (const auto& [name, part] : sheets)
    if (!wanted.empty() && name == wanted) sheet.name = name, target = part;
  if (target.empty()) return Status::InvalidArgument("@files.not_xlsx");
  if (target.rfind('/', 0) == 0)
    target = target.substr(1);
  else
    target = "xl/" + target;
  std::vector<std::string> shared;
  if (auto ss = Part(z.get(), "xl/sharedStrings.xml"))
    if (Doc d = Parse(*ss))
      for (xmlNode* si = xmlDocGetRootElement(d.get())->children; si; si = si->next)
        if (Is(si, "si")) {
          std::string t;
          TextOf(si, t);
          shared.push_back(std::move(t));
        }
  auto xml = Part(z.get(), target);
  if (!xml) return Status::InvalidArgument("@files.not_xlsx");
  Doc d = Parse(*xml);
  if (!d) return Status::InvalidArgument("@files.not_xlsx");
  for (xmlNode* n = xmlDocGetRootElement(d.get())->children; n; n = n->next) {
    if (!Is(n, "sheetData")) continue;
    for (xmlNode* r = n->children; r; r = r->next) {
      if (!Is(r, "row")) continue;
      for (xmlNode* c = r->children; c; c = c->next) {
        if (!Is(c, "c")) continue;
        size_t col = 0, row = 0;
        if (!CellRef(Attr(c, "r"), col, row) || col >= kMaxCols || row >= kMaxRows) continue;
        std::string type = Attr(c, "t"), value;
        for (xmlNode* v = c->children; v; v = v->next) {
          if (Is(v, "v")) TextOf(v, value);
          if (Is(v, "is")) TextOf(v, value);
        }
        if (type == "s") {
          size_t i = value.empty() ? shared.size() : static_cast<size_t>(std::strtoul(value.c_str(), nullptr, 10));
          value = i < shared.size() ? shared[i] : std::string();
        }
        if (sheet.rows.size() <= row) sheet.rows.resize(row + 1);
        auto& cells = sheet.rows[row];
        if (cells.size() <= col) cells.resize(col + 1);
        cells[col] = std::move(value);
      }
    }
  }
  return sheet;
}

}  // namespace renkei::text
