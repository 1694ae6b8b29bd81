// The directory's map: Leaflet with clustered markers. Without JavaScript, or when the tiles cannot be
// reached, the list above and below it is the same information.
(function () {
  var el = document.getElementById('map');
  if (!el || !window.L) return;
  el.hidden = false;
  var map = L.map(el, { scrollWheelZoom: false }).setView([36.22, 139.17], 11);
  L.tileLayer(el.getAttribute('data-tiles'), { attribution: el.getAttribute('data-attribution'), maxZoom: 18 }).addTo(map);

  function popup(p) {
    // Built from text nodes: names come from public data and are never parsed as HTML.
    var box = document.createElement('div');
    var a = document.createElement('a');
    a.href = '/facilities/' + encodeURIComponent(p.id);
    a.textContent = p.name;
    box.appendChild(a);
    if (p.kind) { var k = document.createElement('div'); k.textContent = p.kind; box.appendChild(k); }
    if (p.phone) {
      var t = document.createElement('a');
      t.href = 'tel:' + p.phone.replace(/[^0-9+]/g, '');
      t.textContent = p.phone;
      box.appendChild(t);
    }
    return box;
  }

  var lat = el.getAttribute('data-lat');
  if (lat) {
    var point = [parseFloat(lat), parseFloat(el.getAttribute('data-lon'))];
    map.setView(point, 16);
    var m = L.marker(point).addTo(map);
    var name = document.createElement('strong');
    name.textContent = el.getAttribute('data-name');
    m.bindPopup(name);
    return;
  }
  fetch(el.getAttribute('data-source'), { credentials: 'same-origin' })
    .then(function (r) { return r.json(); })
    .then(function (g) {
      var group = L.markerClusterGroup ? L.markerClusterGroup() : L.featureGroup();
      var layer = L.geoJSON(g, { onEachFeature: function (f, l) { l.bindPopup(popup(f.properties)); } });
      group.addLayer(layer);
      map.addLayer(group);
      // The container was hidden until now: let Leaflet measure it again before fitting.
      map.invalidateSize();
      if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { maxZoom: 15, padding: [20, 20] });
      el.setAttribute('data-markers', String(layer.getLayers().length));
    })
    .catch(function () { el.hidden = true; });
})();
