/*
 * <leaflet-flow-map>: a Leaflet map driven from the server.
 *
 * The server describes layers (style rules, legend, clustering, drawing order) and sends features as
 * GeoJSON, then adds, updates and removes them by id. The element reports the view, clicks and layer
 * switches back as DOM events. It never interprets feature text as HTML: tooltips, popups, labels and
 * the layer list are built from text nodes, so text from the public stays text.
 *
 * Every layer draws into ONE canvas per map, in the layers' order. One canvas hit-tests all of its
 * features together, so a click or a tap reaches the topmost interactive feature under it, whichever
 * layer it belongs to. (A canvas per layer, each in its own pane, would take every click over its whole
 * area and hide the features of every layer below it.) Text labels and cluster counts are DOM elements
 * above the canvas; they catch the pointer only over their own box, or not at all.
 *
 * Needs Leaflet 1.9 (window.L) and, for clustered layers, Leaflet.markercluster, loaded first.
 */
(function () {
  'use strict';

  if (customElements.get('leaflet-flow-map')) return;

  /** A DOM element whose text is set as text, never parsed as markup. */
  function node(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function parse(json) {
    return typeof json === 'string' ? JSON.parse(json) : json;
  }

  /** A rule matches when the property's value (as text) is one of the listed values. */
  function ruleMatches(when, properties) {
    if (!when || !properties) return false;
    const value = properties[when.property];
    if (value === undefined || value === null) return false;
    return when.values.indexOf(String(value)) >= 0;
  }

  function styleOf(definition, properties) {
    const style = Object.assign({}, definition.style || {});
    for (const rule of definition.rules || []) {
      if (ruleMatches(rule.when, properties)) Object.assign(style, rule.style);
    }
    return style;
  }

  function isPoint(feature) {
    return feature.geometry && feature.geometry.type === 'Point';
  }

  function latLngOf(feature) {
    const c = feature.geometry.coordinates;
    return L.latLng(c[1], c[0]);
  }

  /** The order of a layer's features inside the shared canvas: higher is drawn later, on top, and hit first. */
  function orderOf(layer) {
    return layer.options.lfOrder || 0;
  }

  /** At most this many small changed areas are redrawn one by one; more, or most of the canvas, is one redraw. */
  const MAX_DIRTY_RECTS = 256;

  /**
   * Leaflet's canvas renderer, with three additions: a path is inserted into the draw list at its layer's place
   * (so a feature added later to a lower layer is still drawn, and hit, below the features of higher layers),
   * point markers may be squares, diamonds or triangles as well as circles, and a frame redraws only the small
   * areas that changed. Leaflet redraws the one box around everything that changed since the last frame: fifty units
   * moving across the view make that box the whole map, and every cell, road and area is drawn again four times a
   * second on every open dashboard. Here each changed feature's old and new place is its own small area: those are
   * cleared, and only the features that touch one of them are drawn again, in order, clipped to them.
   */
  const OrderedCanvas = L.Canvas.extend({
    _extendRedrawBounds: function (layer) {
      L.Canvas.prototype._extendRedrawBounds.call(this, layer);
      if (!layer._pxBounds) return;
      const padding = (layer.options.weight || 0) + 1;
      (this._dirtyRects || (this._dirtyRects = [])).push(
        L.bounds(layer._pxBounds.min.subtract([padding, padding]), layer._pxBounds.max.add([padding, padding])));
    },

    _redraw: function () {
      // Without a box (Leaflet's own full redraws after a pan or zoom clear it) everything is drawn, as Leaflet does.
      const rects = this._redrawBounds ? this._dirtyRects : null;
      this._dirtyRects = [];
      if (!rects || !rects.length || rects.length > MAX_DIRTY_RECTS || !this._bounds) return L.Canvas.prototype._redraw.call(this);
      let area = 0;
      for (const r of rects) {
        r.min._floor();
        r.max._ceil();
        const size = r.getSize();
        area += size.x * size.y;
      }
      const whole = this._bounds.getSize();
      if (area > 0.5 * whole.x * whole.y) return L.Canvas.prototype._redraw.call(this);
      this._redrawRequest = null;
      const ctx = this._ctx, union = this._redrawBounds;
      union.min._floor();
      union.max._ceil();
      ctx.save();
      ctx.beginPath();
      for (const r of rects) {
        const size = r.getSize();
        ctx.clearRect(r.min.x, r.min.y, size.x, size.y);
        ctx.rect(r.min.x, r.min.y, size.x, size.y);
      }
      ctx.clip(); // the union of the small areas: nothing outside them is touched
      this._drawing = true;
      for (let order = this._drawFirst; order; order = order.next) {
        const layer = order.layer, b = layer._pxBounds;
        if (!b || !b.intersects(union)) continue;
        for (const r of rects) {
          if (b.intersects(r)) {
            layer._updatePath();
            break;
          }
        }
      }
      this._drawing = false;
      ctx.restore();
      this._redrawBounds = null;
    },

    _initPath: function (layer) {
      L.Canvas.prototype._initPath.call(this, layer);
      const node = layer._order, order = orderOf(layer);
      let after = node.prev;
      while (after && orderOf(after.layer) > order) after = after.prev;
      if (after === node.prev) return;
      // Unlink from the end of the list ...
      this._drawLast = node.prev;
      this._drawLast.next = null;
      // ... and link in after `after` (or first).
      node.prev = after;
      node.next = after ? after.next : this._drawFirst;
      if (node.next) node.next.prev = node;
      if (after) after.next = node; else this._drawFirst = node;
    },

    /**
     * What a pointer at `point` reaches: of the interactive points it touches, the one whose centre is nearest (so a
     * place stays clickable beside the camera that watches it); else the topmost line or area under it.
     */
    _pick: function (point) {
      let best = null, bestScore = Infinity, rank = 0;
      for (let order = this._drawFirst; order; order = order.next) {
        const layer = order.layer;
        rank++;
        if (!layer.options.interactive || !layer._containsPoint(point)) continue;
        const score = layer._point && layer._radius !== undefined ? point.distanceTo(layer._point) : 1e9 - rank;
        if (score <= bestScore) {
          best = layer;
          bestScore = score;
        }
      }
      return best;
    },

    _onClick: function (e) {
      const layer = this._pick(this._map.mouseEventToLayerPoint(e));
      const reached = layer && (!(e.type === 'click' || e.type === 'preclick') || !this._map._draggableMoved(layer));
      this._fireEvent(reached ? [layer] : false, e);
    },

    _handleMouseHover: function (e, point) {
      if (this._mouseHoverThrottled) return;
      const candidate = this._pick(point);
      if (candidate !== this._hoveredLayer) {
        this._handleMouseOut(e);
        if (candidate) {
          L.DomUtil.addClass(this._container, 'leaflet-interactive');
          this._fireEvent([candidate], e, 'mouseover');
          this._hoveredLayer = candidate;
        }
      }
      this._fireEvent(this._hoveredLayer ? [this._hoveredLayer] : false, e);
      this._mouseHoverThrottled = true;
      setTimeout(() => { this._mouseHoverThrottled = false; }, 32);
    },

    _updateCircle: function (layer) {
      const shape = layer.options.shape;
      if (!shape || shape === 'circle') return L.Canvas.prototype._updateCircle.call(this, layer);
      if (!this._drawing || layer._empty()) return;
      const p = layer._point, r = Math.max(Math.round(layer._radius), 1), ctx = this._ctx;
      ctx.beginPath();
      if (shape === 'square') {
        const h = r * 0.9;
        ctx.rect(p.x - h, p.y - h, 2 * h, 2 * h);
      } else if (shape === 'diamond') {
        const h = r * 1.25;
        ctx.moveTo(p.x, p.y - h); ctx.lineTo(p.x + h, p.y); ctx.lineTo(p.x, p.y + h); ctx.lineTo(p.x - h, p.y);
        ctx.closePath();
      } else if (shape === 'triangle') {
        const h = r * 1.35;
        ctx.moveTo(p.x, p.y - h); ctx.lineTo(p.x + h * 0.95, p.y + h * 0.7); ctx.lineTo(p.x - h * 0.95, p.y + h * 0.7);
        ctx.closePath();
      } else {
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2, false);
      }
      this._fillStroke(ctx, layer);
    }
  });

  /** An outline without fill is hit on its line only, as in SVG; a canvas would count its whole inside. */
  function strokeOnlyHit(path) {
    path._containsPoint = function (p) {
      return L.Polyline.prototype._containsPoint.call(this, p, true);
    };
  }

  function rectsOverlap(a, b, margin) {
    return a.left < b.right + margin && b.left < a.right + margin && a.top < b.bottom + margin && b.top < a.bottom + margin;
  }

  class LeafletFlowMap extends HTMLElement {
    constructor() {
      super();
      this._options = null;
      this._map = null;
      this._layers = new Map();          // id -> {definition, group, features: Map(id -> {leaflet, feature})}
      this._moveTimer = null;
      this._control = null;
    }

    connectedCallback() {
      if (!this._container) {
        this._container = node('div', 'lf-map-container');
        this.appendChild(this._container);
      }
      if (this._options && !this._map) this._createMap();
      if (this._map) {
        this._resizeObserver = this._resizeObserver || new ResizeObserver(() => {
          if (!this._map) return;
          this._map.invalidateSize();
          if (this._pendingFit) this.fitBounds.apply(this, this._pendingFit);
          this._onMove();
        });
        this._resizeObserver.observe(this);
      }
    }

    disconnectedCallback() {
      if (this._resizeObserver) this._resizeObserver.disconnect();
    }

    // ---------------------------------------------------------------- API called by the server

    /** Starts (or restarts) the map with its options; forgets any previous layers. */
    init(optionsJson) {
      this._options = parse(optionsJson);
      if (this._map) {
        this._map.remove();
        this._map = null;
        this._layers.clear();
      }
      if (this.isConnected) this.connectedCallback();
    }

    addLayer(definitionJson) {
      const definition = parse(definitionJson);
      if (this._layers.has(definition.id)) this.removeLayer(definition.id);
      let group;
      if (definition.cluster && L.markerClusterGroup) {
        const colorBy = definition.cluster.colorBy;
        group = L.markerClusterGroup({
          chunkedLoading: true,
          maxClusterRadius: definition.cluster.radius || 60,
          disableClusteringAtZoom: definition.cluster.disableAtZoom || 18,
          showCoverageOnHover: false,
          clusterPane: 'lf-clusters',
          iconCreateFunction: cluster => {
            // Built from nodes: the count is a number, the colour the style of the cluster's most pressing member
            // (e.g. its highest severity), so a cluster of grave cases does not look like one of minor ones.
            const disc = node('div');
            disc.appendChild(node('span', null, cluster.getChildCount()));
            if (colorBy) {
              const colour = this._clusterColour(definition, cluster, colorBy);
              if (colour) {
                disc.style.background = colour;
                disc.style.boxShadow = '0 0 0 5px color-mix(in srgb, ' + colour + ' 35%, transparent)';
              }
            }
            return L.divIcon({ html: disc, className: 'marker-cluster lf-cluster lf-cluster-' + definition.id, iconSize: L.point(36, 36) });
          }
        });
      } else {
        group = L.featureGroup();
      }
      const layer = { definition: definition, group: group, features: new Map() };
      this._layers.set(definition.id, layer);
      this._updateLayerVisibility(layer);
      this._renderControl();
    }

    removeLayer(layerId) {
      const layer = this._layers.get(layerId);
      if (!layer) return;
      if (this._map.hasLayer(layer.group)) this._map.removeLayer(layer.group);
      this._layers.delete(layerId);
      this._renderControl();
    }

    /** Replaces every feature of a layer. */
    setFeatures(layerId, featuresJson) {
      const layer = this._layers.get(layerId);
      if (!layer) return;
      const removals = Array.from(layer.features.keys());
      this._remove(layer, removals);
      this._upsert(layer, parse(featuresJson));
    }

    /** Adds or replaces features by id and removes others by id, in one step. */
    applyDiff(layerId, upsertsJson, removalsJson) {
      const layer = this._layers.get(layerId);
      if (!layer) return;
      this._remove(layer, parse(removalsJson) || []);
      this._upsert(layer, parse(upsertsJson) || []);
    }

    /**
     * Answers once the message that asked has been applied: after a large load the server wants one more round trip,
     * so that the last message it keeps of this page is a small one.
     */
    confirmReceipt() {
      setTimeout(() => this._fire('lf-received', {}), 0);
    }

    setLayerVisible(layerId, visible) {
      const layer = this._layers.get(layerId);
      if (!layer) return;
      layer.definition.visible = !!visible;
      this._updateLayerVisibility(layer);
      this._renderControl();
    }

    setView(lat, lng, zoom) {
      this._map.setView([lat, lng], zoom);
    }

    fitBounds(south, west, north, east, maxZoom) {
      this._map.invalidateSize();
      const size = this._map.getSize();
      if (size.x === 0 || size.y === 0) {
        // Not laid out yet: fitting now would pick the highest zoom. Fit once the element has a size.
        this._pendingFit = [south, west, north, east, maxZoom];
        return;
      }
      const wasPending = !!this._pendingFit;
      this._pendingFit = null;
      this._map.fitBounds([[south, west], [north, east]], { padding: [12, 12], maxZoom: maxZoom || 18, animate: false });
      if (wasPending) this._onMove(0);
    }

    /** A popup of a title and label/value rows, all set as text. */
    openPopup(popupJson) {
      const popup = parse(popupJson);
      const content = node('div', 'lf-popup');
      if (popup.title) content.appendChild(node('div', 'lf-popup-title', popup.title));
      if (popup.rows && popup.rows.length) {
        const table = node('table', 'lf-popup-rows');
        for (const row of popup.rows) {
          const tr = node('tr');
          tr.appendChild(node('th', null, row[0]));
          tr.appendChild(node('td', null, row[1]));
          table.appendChild(tr);
        }
        content.appendChild(table);
      }
      if (popup.text) content.appendChild(node('p', 'lf-popup-text', popup.text));
      this._popup = L.popup({ minWidth: 240, maxWidth: Math.min(380, Math.max(240, this._container.clientWidth - 60)), autoPanPadding: [24, 24] })
        .setLatLng([popup.lat, popup.lng])
        .setContent(content)
        .openOn(this._map);
    }

    closePopup() {
      this._map.closePopup();
    }

    /** Marks one feature with a ring (and brings it into view): the counterpart of a selection elsewhere. */
    highlight(layerId, featureId) {
      this.clearHighlight();
      const layer = this._layers.get(layerId);
      const entry = layer && layer.features.get(String(featureId));
      if (!entry) return;
      let latlng;
      if (isPoint(entry.feature)) latlng = latLngOf(entry.feature);
      else latlng = entry.leaflet.getBounds ? entry.leaflet.getBounds().getCenter() : null;
      if (!latlng) return;
      this._highlight = L.circleMarker(latlng, { radius: 15, color: '#1a56db', weight: 4, fill: false, interactive: false,
        pane: 'markerPane', className: 'lf-highlight' }).addTo(this._map);
      this._highlightId = { layer: layerId, id: String(featureId) };
      if (!this._map.getBounds().pad(-0.1).contains(latlng)) this._map.panTo(latlng);
    }

    clearHighlight() {
      if (this._highlight) this._map.removeLayer(this._highlight);
      this._highlight = null;
      this._highlightId = null;
    }

    highlighted() {
      return this._highlightId;
    }

    /**
     * Lets the user draw: 'polygon' (click the corners, double-click or click the first corner to finish),
     * 'circle' (click the centre, then the edge) or 'point' (one click). Escape cancels.
     */
    startDrawing(mode) {
      this.cancelDrawing();
      this.clearDrawing();
      this._drawing = { mode: mode, points: [], preview: null };
      this._container.classList.add('lf-drawing');
      this._map.doubleClickZoom.disable();
      const d = this._drawing;
      d.onClick = e => this._drawClick(e.latlng);
      d.onMove = e => this._drawPreview(e.latlng);
      d.onDouble = e => { L.DomEvent.stop(e); if (d.mode === 'polygon' && d.points.length >= 3) this._finishPolygon(); };
      d.onKey = e => { if (e.key === 'Escape') this.cancelDrawing(); };
      this._map.on('click', d.onClick);
      this._map.on('mousemove', d.onMove);
      this._map.on('dblclick', d.onDouble);
      document.addEventListener('keydown', d.onKey);
    }

    cancelDrawing() {
      const d = this._drawing;
      if (!d) return;
      this._map.off('click', d.onClick);
      this._map.off('mousemove', d.onMove);
      this._map.off('dblclick', d.onDouble);
      document.removeEventListener('keydown', d.onKey);
      if (d.preview) this._map.removeLayer(d.preview);
      this._drawing = null;
      this._container.classList.remove('lf-drawing');
      setTimeout(() => this._map && this._map.doubleClickZoom.enable(), 300);
    }

    /** Removes the last drawn shape from the map. */
    clearDrawing() {
      if (this._drawn) this._map.removeLayer(this._drawn);
      this._drawn = null;
      this._drawnShape = null;
    }

    _drawClick(latlng) {
      const d = this._drawing;
      if (d.mode === 'point') {
        this.cancelDrawing();
        this._fire('lf-point-picked', { lat: latlng.lat, lng: latlng.lng });
        return;
      }
      if (d.mode === 'circle') {
        if (!d.points.length) {
          d.points.push(latlng);
          return;
        }
        const centre = d.points[0];
        const radius = this._map.distance(centre, latlng);
        this.cancelDrawing();
        this._drawn = L.circle(centre, { radius: radius, color: '#1a56db', weight: 2, fillOpacity: 0.08, interactive: false }).addTo(this._map);
        this._drawnShape = { type: 'circle', lat: centre.lat, lng: centre.lng, radius: radius };
        this._fire('lf-shape-drawn', this._drawnShape);
        return;
      }
      // polygon: a click on the first corner closes it
      if (d.points.length >= 3 && this._map.latLngToContainerPoint(d.points[0]).distanceTo(this._map.latLngToContainerPoint(latlng)) < 10) {
        this._finishPolygon();
        return;
      }
      d.points.push(latlng);
      this._drawPreview(latlng);
    }

    _drawPreview(latlng) {
      const d = this._drawing;
      if (!d || !d.points.length) return;
      if (d.preview) this._map.removeLayer(d.preview);
      if (d.mode === 'circle') {
        d.preview = L.circle(d.points[0], { radius: this._map.distance(d.points[0], latlng), color: '#1a56db', weight: 2,
          dashArray: '4 4', fillOpacity: 0.05, interactive: false }).addTo(this._map);
      } else {
        d.preview = L.polygon(d.points.concat([latlng]), { color: '#1a56db', weight: 2, dashArray: '4 4', fillOpacity: 0.05,
          interactive: false }).addTo(this._map);
      }
    }

    _finishPolygon() {
      const points = this._drawing.points.slice();
      this.cancelDrawing();
      this._drawn = L.polygon(points, { color: '#1a56db', weight: 2, fillOpacity: 0.08, interactive: false }).addTo(this._map);
      const ring = points.map(p => [p.lng, p.lat]);
      ring.push(ring[0]);
      this._drawnShape = { type: 'polygon', geojson: JSON.stringify({ type: 'Polygon', coordinates: [ring] }) };
      this._fire('lf-shape-drawn', this._drawnShape);
    }

    // ---------------------------------------------------------------- inspection, for tools and tests

    /** The shape the user drew last, as it was sent: {type, lat, lng, radius} or {type, geojson}; null if none. */
    drawnShape() {
      return this._drawnShape || null;
    }

    /** Ids of the features a layer holds (drawn or inside a cluster). */
    featureIds(layerId) {
      const layer = this._layers.get(layerId);
      return layer ? Array.from(layer.features.keys()) : [];
    }

    /** Whether a layer is on the map now (switched on and inside its zoom range). */
    isLayerShown(layerId) {
      const layer = this._layers.get(layerId);
      return !!(layer && this._map && this._map.hasLayer(layer.group));
    }

    /** A feature's properties as the map holds them (a copy), or null. */
    featureProperties(layerId, featureId) {
      const layer = this._layers.get(layerId);
      const entry = layer && layer.features.get(String(featureId));
      return entry ? Object.assign({}, entry.feature.properties) : null;
    }

    featureLatLng(layerId, featureId) {
      const layer = this._layers.get(layerId);
      const entry = layer && layer.features.get(String(featureId));
      if (!entry || !isPoint(entry.feature)) return null;
      const ll = entry.leaflet.getLatLng();
      return { lat: ll.lat, lng: ll.lng };
    }

    /** Pixel position of a point inside the element, e.g. to click a feature drawn on canvas. */
    containerPoint(lat, lng) {
      const p = this._map.latLngToContainerPoint([lat, lng]);
      return { x: p.x, y: p.y };
    }

    view() {
      return this._view();
    }

    /** Where a feature is on the screen (viewport pixels, for a pointer to go to), or null when it is not drawn. */
    featureScreenPoint(layerId, featureId) {
      const layer = this._layers.get(layerId);
      const entry = layer && layer.features.get(String(featureId));
      if (!entry || !this._map.hasLayer(layer.group)) return null;
      let latlng;
      if (entry.leaflet.getLatLng) {
        if (!entry.leaflet._map) return null; // inside a cluster: not drawn on its own
        latlng = entry.leaflet.getLatLng();
      } else {
        const part = entry.leaflet.getLayers ? entry.leaflet.getLayers()[0] : entry.leaflet;
        if (!part || !part._map) return null;
        latlng = part.getCenter ? part.getCenter() : part.getBounds().getCenter();
      }
      const p = this._map.latLngToContainerPoint(latlng);
      const size = this._map.getSize();
      if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) return null; // loaded around the view, not on screen
      const box = this._container.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }

    /**
     * What a click at viewport pixel (x, y) would reach: {kind: 'feature', layer, id} for a feature on the map's
     * canvas (the topmost interactive one there), {kind: 'element', tag, className} when something else is on top
     * there (a cluster, the layer list, a popup), or {kind: 'map'}. Reads what is drawn; clicks nothing.
     */
    hitAt(x, y) {
      const top = document.elementFromPoint(x, y);
      const canvas = this._renderer && this._renderer._container;
      if (top !== canvas) {
        if (!top || !this._container.contains(top)) return { kind: 'element', tag: top ? top.tagName.toLowerCase() : null, className: top ? String(top.className) : '' };
        if (top.closest('.leaflet-marker-icon, .leaflet-control, .leaflet-popup, .leaflet-tooltip')) {
          const hit = top.closest('.leaflet-marker-icon, .leaflet-control, .leaflet-popup, .leaflet-tooltip');
          return { kind: 'element', tag: hit.tagName.toLowerCase(), className: String(hit.className) };
        }
        return { kind: 'map' };
      }
      const box = this._container.getBoundingClientRect();
      const found = this._renderer._pick(this._map.containerPointToLayerPoint([x - box.left, y - box.top]));
      return found ? { kind: 'feature', layer: found.options.lfLayer, id: found.options.lfId } : { kind: 'map' };
    }

    // ---------------------------------------------------------------- internals

    _createMap() {
      const o = this._options;
      this._map = L.map(this._container, {
        center: o.center || [0, 0],
        zoom: o.zoom === undefined ? 2 : o.zoom,
        minZoom: o.minZoom === undefined ? 3 : o.minZoom,
        maxZoom: o.maxZoom === undefined ? 19 : o.maxZoom,
        zoomControl: true,
        attributionControl: !!o.tileUrl,
        worldCopyJump: false
      });
      if (o.maxBounds) this._map.setMaxBounds(o.maxBounds);
      if (o.background) this._container.style.background = o.background;
      if (o.tileUrl) {
        L.tileLayer(o.tileUrl, { maxZoom: o.maxZoom || 19, attribution: o.tileAttribution || '' }).addTo(this._map);
      }
      // One pane and one canvas for every layer's features (see the top of this file); labels and cluster counts above.
      this._map.createPane('lf-vectors').style.zIndex = '450';
      this._map.createPane('lf-labels').style.zIndex = '590';
      this._map.getPane('lf-labels').style.pointerEvents = 'none';
      this._map.createPane('lf-clusters').style.zIndex = '610';
      // Some tolerance around lines and small symbols: more for a finger than for a mouse.
      const coarse = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
      this._renderer = new OrderedCanvas({ pane: 'lf-vectors', padding: 0.3, tolerance: coarse ? 8 : 3 });
      this._renderer.addTo(this._map);
      L.control.scale({ imperial: false }).addTo(this._map);
      this._map.on('moveend', () => this._onMove());
      this._map.on('moveend zoomend', () => this._declutter());
      this._map.on('zoomend', () => this._layers.forEach(l => this._updateLayerVisibility(l)));
      this._map.on('zoomend', () => this._renderControl());
      this._map.on('click', e => { if (!this._drawing) this._fire('lf-map-click', { lat: e.latlng.lat, lng: e.latlng.lng }); });
      // On a narrow screen (a phone) the layer list starts folded: open, it would cover the map it explains.
      if (this._controlCollapsed === undefined) this._controlCollapsed = (this._container.clientWidth || window.innerWidth) < 640;
      if (o.layerControl !== false) this._createControl();
      this._fire('lf-map-ready', this._view());
      this._onMove(0);
    }

    _view() {
      const b = this._map.getBounds();
      const size = this._map.getSize();
      return {
        west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth(),
        zoom: this._map.getZoom(), width: size.x, height: size.y
      };
    }

    _onMove(delay) {
      clearTimeout(this._moveTimer);
      // Settle first: a drag or a wheel spin reports once, not per frame. The first view goes at once.
      this._moveTimer = setTimeout(() => this._fire('lf-map-moveend', this._view()), delay === undefined ? 120 : delay);
    }

    _fire(name, detail) {
      this.dispatchEvent(new CustomEvent(name, { detail: detail, bubbles: false }));
    }

    _inZoomRange(definition) {
      const z = this._map.getZoom();
      return (definition.minZoom === undefined || definition.minZoom === null || z >= definition.minZoom)
        && (definition.maxZoom === undefined || definition.maxZoom === null || z <= definition.maxZoom);
    }

    _updateLayerVisibility(layer) {
      const show = layer.definition.visible !== false && this._inZoomRange(layer.definition);
      const shown = this._map.hasLayer(layer.group);
      if (show && !shown) this._map.addLayer(layer.group);
      if (!show && shown) this._map.removeLayer(layer.group);
    }

    _remove(layer, ids) {
      const leafletLayers = [];
      for (const id of ids) {
        const entry = layer.features.get(String(id));
        if (!entry) continue;
        leafletLayers.push(entry.leaflet);
        layer.features.delete(String(id));
      }
      if (!leafletLayers.length) return;
      if (layer.group.removeLayers) layer.group.removeLayers(leafletLayers);
      else leafletLayers.forEach(l => layer.group.removeLayer(l));
    }

    _upsert(layer, features) {
      const added = [];
      const clustered = !!layer.group.addLayers;
      for (const feature of features) {
        const id = String(feature.id);
        const existing = layer.features.get(id);
        if (existing && !clustered && isPoint(feature) && isPoint(existing.feature)) {
          // Moving points (responders) are updated in place: no flicker, no new canvas object.
          existing.feature = feature;
          existing.leaflet.setLatLng(latLngOf(feature));
          existing.leaflet.setStyle(styleOf(layer.definition, feature.properties));
          if (existing.leaflet.getTooltip() && existing.leaflet.isTooltipOpen()) existing.leaflet.getTooltip().update();
          continue;
        }
        if (existing) this._remove(layer, [id]);
        const leaflet = this._createFeature(layer, feature);
        if (!leaflet) continue;
        layer.features.set(id, { leaflet: leaflet, feature: feature });
        added.push(leaflet);
      }
      if (added.length) {
        if (clustered) layer.group.addLayers(added);
        else added.forEach(l => layer.group.addLayer(l));
      }
      if (layer.definition.text || layer.definition.labels) this._declutter();
    }

    /** The fill colour of the member whose `property` is highest (ties: the first), by the layer's style rules. */
    _clusterColour(definition, cluster, property) {
      let best = null, bestValue = -Infinity;
      for (const marker of cluster.getAllChildMarkers()) {
        const props = marker.options.lfProperties;
        const value = props ? Number(props[property]) : NaN;
        if (!isNaN(value) && value > bestValue) {
          bestValue = value;
          best = props;
        }
      }
      if (!best) return null;
      const style = styleOf(definition, best);
      return style.fillColor || style.color || null;
    }

    _createFeature(layer, feature) {
      if (!feature.geometry) return null;
      const definition = layer.definition;
      const id = String(feature.id);
      const interactive = definition.interactive !== false;
      if (definition.text) return isPoint(feature) ? this._createText(layer, feature) : null;
      const style = Object.assign({ renderer: this._renderer, interactive: interactive, lfOrder: definition.order || 0,
        lfLayer: definition.id, lfId: id, lfProperties: feature.properties }, styleOf(definition, feature.properties));
      let leaflet;
      if (isPoint(feature)) {
        leaflet = L.circleMarker(latLngOf(feature), style);
      } else {
        leaflet = L.geoJSON(feature.geometry, { style: () => style, renderer: this._renderer, interactive: interactive });
        if (interactive && style.fill === false) leaflet.eachLayer(strokeOnlyHit);
      }
      if (definition.tooltip) {
        const entryOf = () => layer.features.get(id);
        // Labels on lines and areas go on each drawn part: a group's permanent tooltip would not open.
        const target = definition.labels && !isPoint(feature) && leaflet.eachLayer ? leaflet.getLayers()[0] : leaflet;
        if (target) target.bindTooltip(() => {
          const current = entryOf();
          const text = current ? current.feature.properties[definition.tooltip] : '';
          return node('span', 'lf-tooltip-text', text === undefined ? '' : text);
        }, definition.labels ? { permanent: true, direction: 'right', className: 'lf-label', opacity: 0.95 }
          : { sticky: !isPoint(feature), direction: 'top', opacity: 0.95 });
      }
      if (interactive) {
        leaflet.on('click', e => {
          L.DomEvent.stopPropagation(e);
          if (this._drawing) { this._drawClick(e.latlng); return; } // the click belongs to the drawing
          this._fire('lf-feature-click', { layer: definition.id, id: id, lat: e.latlng.lat, lng: e.latlng.lng });
        });
      }
      return leaflet;
    }

    /** A place name drawn as text (the property named by the layer's tooltip), never as a symbol and never clickable. */
    _createText(layer, feature) {
      const definition = layer.definition;
      const text = feature.properties[definition.tooltip];
      const label = node('span', 'lf-text-label-text', text === undefined || text === null ? '' : text);
      const kind = feature.properties.labelClass;
      const icon = L.divIcon({ html: label, className: 'lf-text-label' + (kind ? ' lf-text-label-' + String(kind).replace(/[^a-z0-9-]/gi, '') : ''),
        iconSize: null });
      const marker = L.marker(latLngOf(feature), { icon: icon, interactive: false, keyboard: false, pane: 'lf-labels',
        lfRank: Number(feature.properties.rank) || 0 });
      return marker;
    }

    /**
     * Keeps labels readable: place names that would overlap one drawn before them (higher layers and higher ranks
     * first) are hidden until the user zooms in; permanent labels (e.g. travel times) try the other sides of their
     * feature before they overlap.
     */
    _declutter() {
      if (!this._map) return;
      clearTimeout(this._declutterTimer);
      this._declutterTimer = setTimeout(() => this._declutterNow(), 30);
    }

    _declutterNow() {
      if (!this._map) return;
      const placed = [];
      const view = this._container.getBoundingClientRect();
      const layers = Array.from(this._layers.values()).filter(l => this._map.hasLayer(l.group))
        .sort((a, b) => (b.definition.order || 0) - (a.definition.order || 0));
      for (const layer of layers) {
        if (layer.definition.labels) {
          for (const entry of layer.features.values()) {
            const target = entry.leaflet.getTooltip ? entry.leaflet : (entry.leaflet.getLayers ? entry.leaflet.getLayers()[0] : null);
            const tooltip = target && target.getTooltip && target.getTooltip();
            const element = tooltip && tooltip.getElement && tooltip.getElement();
            if (!element) continue;
            let rect = null;
            for (const direction of ['right', 'left', 'top', 'bottom']) {
              tooltip.options.direction = direction;
              tooltip.update();
              rect = element.getBoundingClientRect();
              if (!placed.some(p => rectsOverlap(p, rect, 2))) break;
            }
            if (rect) placed.push(rect);
          }
        }
      }
      for (const layer of layers) {
        if (!layer.definition.text) continue;
        const entries = Array.from(layer.features.values()).sort((a, b) => (b.leaflet.options.lfRank || 0) - (a.leaflet.options.lfRank || 0));
        for (const entry of entries) {
          const element = entry.leaflet.getElement && entry.leaflet.getElement();
          if (!element) continue;
          element.style.visibility = '';
          const rect = element.getBoundingClientRect();
          const outside = rect.right < view.left || rect.left > view.right || rect.bottom < view.top || rect.top > view.bottom;
          if (outside) continue;
          if (placed.some(p => rectsOverlap(p, rect, 4))) {
            element.style.visibility = 'hidden';
          } else {
            placed.push(rect);
          }
        }
      }
    }

    // ------------------------------------------------ the layer list: switch, legend, zoom hint

    _createControl() {
      const element = this;
      const Control = L.Control.extend({
        options: { position: 'topright' },
        onAdd: function () {
          const container = node('div', 'lf-layer-control leaflet-bar');
          L.DomEvent.disableClickPropagation(container);
          L.DomEvent.disableScrollPropagation(container);
          element._controlContainer = container;
          element._renderControl();
          return container;
        }
      });
      this._control = new Control();
      this._control.addTo(this._map);
    }

    _renderControl() {
      const container = this._controlContainer;
      if (!container || !this._map) return;
      // Rebuild only when something shown changes: a zoom that changes nothing leaves the rows (and a click on them) alone.
      const shown = Array.from(this._layers.values()).filter(l => l.definition.inControl !== false)
        .map(l => [l.definition.id, l.definition.title, l.definition.visible !== false, this._inZoomRange(l.definition),
          (l.definition.legend || []).length]);
      const key = JSON.stringify([this._controlCollapsed, (this._options || {}).layerControlTitle, shown]);
      if (key === this._controlKey && container.childElementCount) return;
      this._controlKey = key;
      container.replaceChildren();
      const o = this._options || {};
      const header = node('div', 'lf-layer-control-header');
      const toggle = node('button', 'lf-layer-control-toggle', o.layerControlTitle || 'Layers');
      toggle.type = 'button';
      toggle.setAttribute('aria-expanded', String(!this._controlCollapsed));
      toggle.addEventListener('click', () => {
        this._controlCollapsed = !this._controlCollapsed;
        this._renderControl();
      });
      header.appendChild(toggle);
      container.appendChild(header);
      if (this._controlCollapsed) return;
      const list = node('div', 'lf-layer-list');
      const layers = Array.from(this._layers.values())
        .filter(l => l.definition.inControl !== false)
        .sort((a, b) => (b.definition.order || 0) - (a.definition.order || 0));
      for (const layer of layers) {
        const d = layer.definition;
        const row = node('label', 'lf-layer-row');
        row.dataset.layer = d.id;
        const box = node('input');
        box.type = 'checkbox';
        box.checked = d.visible !== false;
        box.addEventListener('change', () => {
          d.visible = box.checked;
          this._updateLayerVisibility(layer);
          this._fire('lf-layer-toggle', { layer: d.id, visible: box.checked });
          this._renderControl();
        });
        row.appendChild(box);
        row.appendChild(node('span', 'lf-layer-title', d.title || d.id));
        if (!this._inZoomRange(d)) {
          row.classList.add('lf-out-of-zoom');
          if (d.zoomHint) row.appendChild(node('span', 'lf-zoom-hint', d.zoomHint));
        }
        list.appendChild(row);
        if (d.legend && d.legend.length && d.visible !== false) {
          const legend = node('div', 'lf-legend');
          for (const entry of d.legend) {
            const item = node('div', 'lf-legend-item');
            item.appendChild(this._swatch(entry, d));
            item.appendChild(node('span', null, entry.label));
            legend.appendChild(item);
          }
          list.appendChild(legend);
        }
      }
      container.appendChild(list);
    }

    _swatch(entry, definition) {
      const s = Object.assign({}, definition.style || {}, entry.style || {});
      const swatch = node('span', 'lf-swatch lf-swatch-' + (entry.shape || 'polygon')
        + (entry.shape === 'point' && s.shape ? ' lf-swatch-shape-' + s.shape : ''));
      const stroke = s.stroke === false ? 'transparent' : (s.color || '#3388ff');
      swatch.style.borderColor = stroke;
      swatch.style.borderStyle = s.dashArray ? 'dashed' : 'solid';
      if (entry.shape !== 'line') {
        swatch.style.background = s.fill === false ? 'transparent' : (s.fillColor || stroke);
        swatch.style.opacity = s.fillOpacity === undefined ? 1 : Math.max(0.35, s.fillOpacity);
      } else {
        swatch.style.borderTopWidth = Math.max(2, Math.min(5, s.weight || 3)) + 'px';
      }
      return swatch;
    }
  }

  customElements.define('leaflet-flow-map', LeafletFlowMap);
})();
