// Progress of a background job over Server-Sent Events; the page reloads to show the result.
// Without JavaScript the page refreshes itself every two seconds instead.
(function () {
  var box = document.querySelector('[data-events]');
  if (!box || !window.EventSource) return;
  var source = new EventSource(box.getAttribute('data-events'));
  function update(e) {
    var p = JSON.parse(e.data);
    document.getElementById('job-done').textContent = p.done;
    document.getElementById('job-total').textContent = p.total;
    document.getElementById('job-progress').value = p.total ? Math.floor(p.done * 100 / p.total) : 0;
  }
  source.addEventListener('progress', update);
  source.addEventListener('finished', function (e) { update(e); source.close(); window.location.reload(); });
  source.onerror = function () { source.close(); setTimeout(function () { window.location.reload(); }, 2000); };
})();
