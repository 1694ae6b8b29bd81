// Search for the static directory (renkei export site): folds the query like the server's
// text::SearchKey (NFKC, katakana to hiragana, lower case, no spaces) and matches every word against
// the server's own folded key of each facility. Results are built from text nodes only.
(function () {
  var form = document.getElementById('site-search');
  var list = document.getElementById('results');
  var count = document.getElementById('count');
  var data = [];
  function fold(s) {
    s = s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
    var out = '';
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      out += (c >= 0x30a1 && c <= 0x30f6) ? String.fromCharCode(c - 0x60) : s[i];
    }
    return out;
  }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; }
  function show(items) {
    list.textContent = '';
    items.forEach(function (f) {
      var li = el('li', 'facility');
      var h = el('h3'); var a = el('a', '', f.name); a.href = 'facilities/' + f.id + '.html'; h.appendChild(a);
      if (f.sample) h.appendChild(el('span', 'tag warn', 'サンプル'));
      li.appendChild(h);
      var meta = el('p', 'meta'); meta.appendChild(el('span', 'tag', f.kind)); meta.appendChild(document.createTextNode(' ' + f.town)); li.appendChild(meta);
      li.appendChild(el('p', '', f.address));
      if (f.phone) { var p = el('p', 'phone', '電話 '); var t = el('a', '', f.phone); t.href = 'tel:' + f.tel; p.appendChild(t); li.appendChild(p); }
      list.appendChild(li);
    });
    count.textContent = items.length + '件';
  }
  function search(q) {
    var words = q.split(/[\s\u3000]+/).map(fold).filter(Boolean);
    show(data.filter(function (f) { return words.every(function (w) { return f.key.indexOf(w) >= 0; }); }));
  }
  fetch('facilities.json').then(function (r) { return r.json(); }).then(function (d) {
    data = d;
    var q = new URLSearchParams(location.search).get('q') || '';
    document.getElementById('q').value = q;
    search(q);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var q = document.getElementById('q').value;
    history.replaceState(null, '', '?q=' + encodeURIComponent(q));
    search(q);
  });
})();
