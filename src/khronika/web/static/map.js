// The claims map: bundled country boundaries, an optional team tile server, claim circles.
// Popups are built from DOM text nodes, never innerHTML: claim text is scraped and untrusted.
"use strict";
(function () {
  var el = document.getElementById("map");
  var status = document.getElementById("map-status");
  if (!el || typeof L === "undefined") { return; }
  var map = L.map(el, { worldCopyJump: true, preferCanvas: false, maxZoom: 18 }).setView([56, 60], 3);
  el.khronikaMap = map;  // for tests and for scripts a team adds
  var tileUrl = el.dataset.tileUrl;
  if (tileUrl) {
    L.tileLayer(tileUrl, { attribution: el.dataset.tileAttribution || "", maxZoom: 18 }).addTo(map);
  }
  // Review state shows in colour and in line style, so it survives colour blindness and greyscale.
  var styles = {
    unreviewed: { color: "#7c2d12", fillColor: "#d97706", fillOpacity: 0.9, weight: 2, dashArray: "3 2" },
    accepted: { color: "#14532d", fillColor: "#15803d", fillOpacity: 0.9, weight: 1 },
    edited: { color: "#1e3a8a", fillColor: "#2563eb", fillOpacity: 0.9, weight: 4 },
    rejected: { color: "#4b5563", fillColor: "#9ca3af", fillOpacity: 0.15, weight: 2 }
  };
  var form = document.getElementById("map-filters");
  var typeLabels = {};
  if (form) {
    form.querySelectorAll("input[name=event_type]").forEach(function (box) {
      typeLabels[box.value] = box.parentNode.textContent.trim();
    });
  }
  function typeLabel(t) { return typeLabels[t] || t; }

  function summary(p) {
    return [typeLabel(p.event_type), p.date || "date unknown",
            p.count !== null ? p.count + " people" : "", p.review_state].filter(Boolean).join(" · ");
  }

  function tooltip(p) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = p.place || "place unnamed";
    box.appendChild(name);
    var meta = document.createElement("div");
    meta.textContent = summary(p);
    box.appendChild(meta);
    return box;
  }

  function popup(p) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/claims/" + encodeURIComponent(p.claim_id);
    link.textContent = typeLabel(p.event_type) + (p.place ? " · " + p.place : "");
    box.appendChild(link);
    var meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = summary(p);
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

  // Overlapping markers gather into one numbered disc that splits as the map zooms in.
  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    iconCreateFunction: function (cluster) {
      var n = cluster.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 38 : 46;
      var label = document.createElement("span");
      label.textContent = String(n);
      return L.divIcon({ html: label, className: "claim-cluster", iconSize: L.point(size, size) });
    }
  }).addTo(map);
  el.khronikaClusters = clusters;

  function marker(feature, latlng) {
    var p = feature.properties;
    var style = styles[p.review_state] || styles.unreviewed;
    var m = L.circleMarker(latlng, L.extend({
      radius: 6 + Math.min(10, Math.log2(1 + (p.count || 0))),
      className: "claim-marker state-" + p.review_state
    }, style));
    m.bindTooltip(function () { return tooltip(p); }, { direction: "top" });
    m.bindPopup(function () { return popup(p); });
    return m;
  }

  var first = true;
  function load(url) {
    el.dataset.loading = "1";
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) { throw new Error("the server answered " + r.status); }
        return r.json();
      })
      .then(function (data) {
        clusters.clearLayers();
        var layer = L.geoJSON(data, { pointToLayer: marker });
        clusters.addLayers(layer.getLayers());
        el.dataset.claimCount = String(data.features.length);
        if (status) { status.textContent = data.features.length + " claims with coordinates."; }
        if (data.features.length && first) { map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 8 }); }
        first = false;
        delete el.dataset.loading;
      })
      .catch(function (err) {
        if (status) { status.textContent = "Could not load the claims: " + err.message; }
        delete el.dataset.loading;
      });
  }
  load(el.dataset.claims);

  // Filters re-query the API in place; the address bar keeps the selection for sharing.
  if (form) {
    var apply = function (event) {
      if (event) { event.preventDefault(); }
      var query = new URLSearchParams(new FormData(form)).toString();
      history.replaceState(null, "", "/map" + (query ? "?" + query : ""));
      load("/api/map.geojson" + (query ? "?" + query : ""));
    };
    form.addEventListener("submit", apply);
    form.addEventListener("change", function () { apply(null); });
  }
})();
