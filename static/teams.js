// A patient's page kept current: the live stream (/teams/{id}/events) says when the team changed on any
// server, and the page reads itself again and replaces its timeline, readings, members and viewers (the
// forms, where someone may be typing, stay as they are). When the viewer is no longer on the team, the
// stream says "closed" and the page empties itself. Without JavaScript the page is read by reloading.
(function () {
  var box = document.querySelector('[data-live]');
  if (!box || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var source = new EventSource(box.getAttribute('data-live'));
  var busy = false, again = false;
  function url() {
    var u = new URL(window.location.href);
    u.hash = '';
    u.searchParams.delete('notice');
    u.searchParams.delete('error');
    u.searchParams.set('live', '1');
    return u.toString();
  }
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(url(), { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        box.querySelectorAll('[data-live-part]').forEach(function (part) {
          var next = fresh.querySelector('[data-live-part="' + part.getAttribute('data-live-part') + '"]');
          if (next) part.innerHTML = next.innerHTML;
        });
        box.setAttribute('data-live-version', String(Date.now()));
      })
      .catch(function () { /* the next change tries again */ })
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }
  source.addEventListener('changed', refresh);
  source.addEventListener('closed', function () {
    source.close();
    var note = document.createElement('p');
    note.className = 'error';
    note.setAttribute('role', 'alert');
    note.textContent = box.getAttribute('data-closed');
    box.replaceChildren(note);
  });
})();
