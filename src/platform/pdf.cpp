#include "platform/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace renkei::pdf {
namespace {

constexpr double kPt = 72.0 / 25.4;  // points per millimetre
constexpr double kMargin = 12 * kPt;
constexpr double kPad = 1.6 * kPt;
constexpr const char* kFont = "Noto Sans CJK JP";

cairo_status_t Write(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

// One cell's text laid out at a width; the heights of its lines, to split between them.
struct Cell {
  Layout layout;
  std::vector<double> line_tops;  // y of each line's top, in points from the cell's top
  std::vector<double> line_bottoms;
  double height() const { return line_bottoms.empty() ? 0 : line_bottoms.back(); }
};

class Writer {
 public:
  Writer(const Document& doc, cairo_t* cr, double page_w, double page_h, int total_pages)
      : doc_(doc), cr_(cr), page_w_(page_w), page_h_(page_h), total_(total_pages) {}

  Cell Lay(const std::string& text, double width_pt, bool bold, double size) {
    Cell c;
    c.layout.reset(pango_cairo_create_layout(cr_));
    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family(fd, kFont);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_layout_set_font_description(c.layout.get(), fd);
    pango_font_description_free(fd);
    pango_layout_set_width(c.layout.get(), static_cast<int>(width_pt * PANGO_SCALE));
    pango_layout_set_wrap(c.layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(c.layout.get(), text.c_str(), static_cast<int>(text.size()));
    PangoLayoutIter* it = pango_layout_get_iter(c.layout.get());
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      c.line_tops.push_back(static_cast<double>(logical.y) / PANGO_SCALE);
      c.line_bottoms.push_back(static_cast<double>(logical.y + logical.height) / PANGO_SCALE);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return c;
  }

  // Draws the part of a cell whose lines lie in [from, to) of its own y, at (x, y).
  void DrawPart(const Cell& c, double x, double y, double from, double to) {
    cairo_save(cr_);
    cairo_rectangle(cr_, x, y, page_w_, to - from);
    cairo_clip(cr_);
    cairo_move_to(cr_, x, y - from);
    pango_cairo_show_layout(cr_, c.layout.get());
    cairo_restore(cr_);
  }

  double Top() const { return kMargin + 10 * kPt; }
  double Bottom() const { return page_h_ - kMargin - 6 * kPt; }

  void PageChrome() {
    if (!doc_.mark.empty()) {
      Cell m = Lay(doc_.mark, 60 * kPt, true, 10);
      double w = 0;
      PangoRectangle ink;
      pango_layout_get_pixel_extents(m.layout.get(), nullptr, &ink);
      w = ink.width;
      DrawPart(m, page_w_ - kMargin - w, kMargin, 0, m.height());
    }
  }

  // The footer of the page being finished: the document's footer and "n / N".
  void Footer() {
    std::string text =
        doc_.footer + (doc_.footer.empty() ? "" : "　　") + std::to_string(pages_) + " / " + std::to_string(total_ ? total_ : pages_);
    Cell f = Lay(text, page_w_ - 2 * kMargin, false, 7.5);
    DrawPart(f, kMargin, page_h_ - kMargin - f.height() + 2 * kPt, 0, f.height());
  }

  void EndPage() {
    Footer();
    cairo_show_page(cr_);
  }

  void NewPage() {
    if (pages_ > 0) EndPage();
    pages_++;
    PageChrome();
    y_ = Top();
  }

  void Header(const Table& t, double x0) {
    std::vector<Cell> cells;
    double h = 0;
    for (const auto& col : t.columns) {
      cells.push_back(Lay(col.header, col.width_mm * kPt - 2 * kPad, true, doc_.font_size));
      h = std::max(h, cells.back().height());
    }
    double x = x0;
    for (size_t i = 0; i < cells.size(); ++i) {
      double w = t.columns[i].width_mm * kPt;
      cairo_set_source_rgb(cr_, 0.87, 0.91, 0.93);
      cairo_rectangle(cr_, x, y_, w, h + 2 * kPad);
      cairo_fill_preserve(cr_);
      cairo_set_source_rgb(cr_, 0.2, 0.2, 0.2);
      cairo_set_line_width(cr_, 0.5);
      cairo_stroke(cr_);
      cairo_set_source_rgb(cr_, 0, 0, 0);
      DrawPart(cells[i], x + kPad, y_ + kPad, 0, cells[i].height());
      x += w;
    }
    y_ += h + 2 * kPad;
  }

  void TableOut(const Table& t) {
    double total_w = 0;
    for (const auto& c : t.columns) total_w += c.width_mm * kPt;
    double x0 = kMargin;
    if (!t.heading.empty()) {
      Cell h = Lay(t.heading, page_w_ - 2 * kMargin, true, doc_.font_size + 2);
      if (y_ + h.height() + 40 > Bottom()) NewPage();
      DrawPart(h, x0, y_, 0, h.height());
      y_ += h.height() + 2 * kPt;
    }
    Header(t, x0);
    for (const auto& row : t.rows) {
      std::vector<Cell> cells;
      for (size_t i = 0; i < t.columns.size(); ++i)
        cells.push_back(Lay(i < row.size() ? row[i] : std::string(), t.columns[i].width_mm * kPt - 2 * kPad, false, doc_.font_size));
      std::vector<double> done(cells.size(), 0);  // how much of each cell is drawn
      for (;;) {
        // How far each cell gets on this page: whole lines that fit.
        double room = Bottom() - y_ - 2 * kPad;
        std::vector<double> upto(cells.size());
        double used = 0;
        bool finished = true, any = false;
        for (size_t i = 0; i < cells.size(); ++i) {
          const auto& c = cells[i];
          double end = done[i];
          for (size_t l = 0; l < c.line_bottoms.size(); ++l)
            if (c.line_tops[l] >= done[i] - 0.01 && c.line_bottoms[l] - done[i] <= room) end = c.line_bottoms[l];
          upto[i] = end;
          if (end > done[i]) any = true;
          if (end < c.height() - 0.01) finished = false;
          used = std::max(used, end - done[i]);
        }
        bool nothing_left =
            std::all_of(cells.begin(), cells.end(), [&, i = size_t{0}](const Cell& c) mutable { return done[i++] >= c.height() - 0.01; });
        if (nothing_left) break;
        // A row that has not started and does not fit whole starts on a new page, if a page can hold it.
        bool fresh = std::all_of(done.begin(), done.end(), [](double d) { return d == 0; });
        double whole = 0;
        for (const auto& c : cells) whole = std::max(whole, c.height());
        if ((fresh && !finished && whole <= Bottom() - Top() - 2 * kPad - 20) || !any) {
          NewPage();
          Header(t, x0);
          continue;
        }
        double x = x0;
        double h = used + 2 * kPad;
        for (size_t i = 0; i < cells.size(); ++i) {
          double w = t.columns[i].width_mm * kPt;
          cairo_set_source_rgb(cr_, 0.2, 0.2, 0.2);
          cairo_set_line_width(cr_, 0.5);
          cairo_rectangle(cr_, x, y_, w, h);
          cairo_stroke(cr_);
          cairo_set_source_rgb(cr_, 0, 0, 0);
          if (upto[i] > done[i]) DrawPart(cells[i], x + kPad, y_ + kPad, done[i], upto[i]);
          done[i] = upto[i];
          x += w;
        }
        y_ += h;
        if (finished) break;
        NewPage();
        Header(t, x0);
      }
    }
    y_ += 6 * kPt;
    (void)total_w;
  }

  void Title() {
    if (doc_.title.empty()) return;
    Cell t = Lay(doc_.title, page_w_ - 2 * kMargin - 40 * kPt, true, 13);
    DrawPart(t, kMargin, kMargin, 0, t.height());
    y_ = std::max(y_, kMargin + t.height() + 4 * kPt);
  }

  int pages() const { return pages_; }

 private:
  const Document& doc_;
  cairo_t* cr_;
  double page_w_, page_h_;
  int total_ = 0;
  double y_ = 0;
  int pages_ = 0;
};

// Writes the document; with total_pages 0 the page numbers read "n / n" (the first pass counts).
Result<std::string> Pass(const Document& doc, int total_pages, int& pages_out) {
  double w = (doc.landscape ? 297 : 210) * kPt, h = (doc.landscape ? 210 : 297) * kPt;
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Write, &out, w, h);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) return Status::Internal("PDF を作れません。");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Renkei");
  cairo_t* cr = cairo_create(surface);
  {
    Writer writer(doc, cr, w, h, total_pages);
    writer.NewPage();
    writer.Title();
    for (const auto& t : doc.tables) writer.TableOut(t);
    writer.EndPage();
    pages_out = writer.pages();
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) return Status::Internal("PDF の書き込みに失敗しました。", cairo_status_to_string(st));
  return out;
}

}  // namespace

Result<std::string> Render(const Document& doc) {
  // One document at a time in the process, so that two workers never lay out text through Pango and
  // fontconfig at once (their thread safety rests on locks of their own). PDFs are rare and take a
  // fraction of a second; a queue costs nothing. (ThreadSanitizer still sees Pango's own font-loading
  // thread meet fontconfig's cache; that is inside the libraries: tests/sanitizers/tsan.supp.)
  static std::mutex one_at_a_time;
  std::lock_guard lock(one_at_a_time);
  int pages = 0;
  auto first = Pass(doc, 0, pages);
  if (!first.ok() || pages <= 1) return first;
  int again = 0;
  return Pass(doc, pages, again);
}

}  // namespace renkei::pdf
