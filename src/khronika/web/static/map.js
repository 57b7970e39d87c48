// The claims map: bundled country boundaries, an optional team tile server, claim circles.
// Popups are built from DOM text nodes, never innerHTML: claim text is scraped and untrusted.
"use strict";
(function () {
  var el = document.getElementById("map");
  var status = document.getElementById("map-status");
  if (!el || typeof L === "undefined") { return; }
  var map = L.map(el, { worldCopyJump: true, preferCanvas: false }).setView([56, 60], 3);
  el.khronikaMap = map;  // for tests and for scripts a team adds
  var tileUrl = el.dataset.tileUrl;
  if (tileUrl) {
    L.tileLayer(tileUrl, { attribution: el.dataset.tileAttribution || "", maxZoom: 18 }).addTo(map);
  }
  var colours = { unreviewed: "#d97706", accepted: "#15803d", edited: "#2563eb", rejected: "#9ca3af" };

  function popup(p) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/claims/" + encodeURIComponent(p.claim_id);
    link.textContent = p.event_type + (p.place ? " · " + p.place : "");
    box.appendChild(link);
    var meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = [p.date || "date unknown", p.count !== null ? p.count + " people" : "",
                        p.review_state].filter(Boolean).join(" · ");
    box.appendChild(meta);
    var quote = document.createElement("blockquote");
    quote.textContent = p.evidence;
    box.appendChild(quote);
    return box;
  }

  // Natural Earth cuts rings at the antimeridian; Leaflet would draw the jump from +180 to
  // -180 as a band across the whole map. Keep each ring's longitudes continuous instead.
  function unwrapRing(ring) {
    for (var i = 1; i < ring.length; i++) {
      var prev = ring[i - 1][0];
      while (ring[i][0] - prev > 180) { ring[i][0] -= 360; }
      while (ring[i][0] - prev < -180) { ring[i][0] += 360; }
    }
  }
  function unwrap(geometry) {
    if (!geometry) { return; }
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates]
      : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    polygons.forEach(function (polygon) { polygon.forEach(unwrapRing); });
  }

  fetch(el.dataset.boundaries, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      countries.features.forEach(function (f) { unwrap(f.geometry); });
      L.geoJSON(countries, {
        style: { color: "#555", weight: 1, fillColor: tileUrl ? "transparent" : "#f3f0e8", fillOpacity: 1 },
        interactive: false
      }).addTo(map).bringToBack();
    });

  fetch(el.dataset.claims, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var p = feature.properties;
          var marker = L.circleMarker(latlng, {
            radius: 6 + Math.min(10, Math.log2(1 + (p.count || 0))),
            color: "#222", weight: 1, fillColor: colours[p.review_state] || "#d97706", fillOpacity: 0.85,
            className: "claim-marker"
          });
          marker.bindPopup(function () { return popup(p); });
          return marker;
        }
      }).addTo(map);
      el.dataset.claimCount = String(data.features.length);
      if (status) { status.textContent = data.features.length + " claims with coordinates."; }
      if (data.features.length) { map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 8 }); }
    });
})();
