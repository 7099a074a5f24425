// tocsin dashboard: map, timeline, filters, event and story detail with highlighted evidence.
// Security rule: every piece of data reaches the DOM through textContent or setAttribute on a
// fixed attribute name; innerHTML is never used, so hostile article text renders as text.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const COLORS = {
  PROTEST: "#e6550d", ASSAULT: "#c62828", COERCE: "#6a1b9a", THREATEN: "#ad1457",
  MOBILIZE: "#1565c0", SANCTION: "#4e342e", ACCUSE: "#00838f", REJECT: "#5d4037",
  REQUEST: "#2e7d32", RETREAT: "#558b2f", CONCEDE: "#9e9d24", CONSULT: "#0277bd",
  AGREE: "#00695c", SUPPORT: "#283593", COOPERATE: "#37474f", AID: "#f9a825",
};
const MAP_W = 960, MAP_H = 480, CELL = 26;
const state = { projection: null, events: [] };

function color(type) { return COLORS[type] || "#616161"; }

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

// replaceChildren, leaving out null/undefined (replaceChildren would print them as "null").
function put(node, ...children) {
  node.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok || body.ok === false) throw new Error(body.error || response.statusText);
  return body;
}

function filterParams() {
  const params = new URLSearchParams();
  for (const name of ["country", "type", "since", "until", "q"]) {
    const value = document.getElementById("f-" + name).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

function setStatus(text) { document.getElementById("status").textContent = text; }

function notice(text) {
  const node = document.getElementById("notice");
  node.textContent = text;
  node.hidden = false;
}

// ---- map ----------------------------------------------------------------------------------

function plainProjection(lonlat) {  // equirectangular fallback when d3-geo is not installed
  return [((lonlat[0] + 180) / 360) * MAP_W, ((90 - lonlat[1]) / 180) * MAP_H];
}

async function drawBaseMap(hasVendor) {
  const map = document.getElementById("map");
  map.replaceChildren(svg("g", { id: "base" }), svg("g", { id: "markers" }));
  const base = document.getElementById("base");
  if (hasVendor && window.d3 && window.d3.geoNaturalEarth1 && window.topojson) {
    try {
      const world = await getJSON("/vendor/countries-110m.json");
      const land = window.topojson.feature(world, world.objects.countries);
      const projection = window.d3.geoNaturalEarth1().fitSize([MAP_W, MAP_H], { type: "Sphere" });
      const path = window.d3.geoPath(projection);
      base.append(svg("path", { class: "graticule", d: path(window.d3.geoGraticule10()) }));
      for (const feature of land.features) {
        const shape = svg("path", { class: "country", d: path(feature) || "" });
        shape.append(svg("title", {}, (feature.properties && feature.properties.name) || ""));
        base.append(shape);
      }
      state.projection = projection;
      map.setAttribute("data-base", "world-atlas");
      return;
    } catch (error) {
      notice("The world map could not be loaded (" + error.message + "); markers are drawn without a base layer.");
    }
  } else {
    notice("Map base layer not installed (run `make setup`, which runs npm install for world-atlas, d3-geo and "
      + "topojson-client): markers are drawn on a plain longitude/latitude grid.");
  }
  for (let lon = -180; lon <= 180; lon += 30) {
    const [x] = plainProjection([lon, 0]);
    base.append(svg("line", { class: "graticule", x1: x, x2: x, y1: 0, y2: MAP_H }));
  }
  for (let lat = -90; lat <= 90; lat += 30) {
    const [, y] = plainProjection([0, lat]);
    base.append(svg("line", { class: "graticule", x1: 0, x2: MAP_W, y1: y, y2: y }));
  }
  state.projection = plainProjection;
  map.setAttribute("data-base", "none");
}

function drawMarkers(events) {
  const layer = document.getElementById("markers");
  layer.replaceChildren();
  const cells = new Map();
  for (const event of events) {
    const place = event.place;
    if (!place || place.lat === null || place.lon === null) continue;
    const xy = state.projection([place.lon, place.lat]);
    if (!xy || Number.isNaN(xy[0])) continue;
    const key = Math.floor(xy[0] / CELL) + ":" + Math.floor(xy[1] / CELL);
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push({ event, xy });
  }
  for (const members of cells.values()) {
    const x = members.reduce((s, m) => s + m.xy[0], 0) / members.length;
    const y = members.reduce((s, m) => s + m.xy[1], 0) / members.length;
    const counts = {};
    for (const m of members) counts[m.event.plover_type] = (counts[m.event.plover_type] || 0) + 1;
    const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    const radius = members.length === 1 ? 6 : 8 + Math.min(10, 3 * Math.log2(members.length));
    const marker = svg("circle", {
      class: members.length === 1 ? "marker" : "marker cluster",
      cx: x.toFixed(1), cy: y.toFixed(1), r: radius.toFixed(1), fill: color(top),
      "data-type": top, "data-count": members.length,
    });
    const label = members.map((m) => m.event.plover_type + " " + (m.event.place.name || "")).join("\n");
    marker.append(svg("title", {}, label));
    marker.addEventListener("click", () => {
      if (members.length === 1) showEvent(members[0].event.id);
      else showCluster(members.map((m) => m.event));
    });
    layer.append(marker);
    if (members.length > 1) layer.append(svg("text", { class: "cluster-label", x: x.toFixed(1), y: y.toFixed(1) }, members.length));
  }
}

function drawLegend(types) {
  const legend = document.getElementById("legend");
  legend.replaceChildren();
  for (const type of types) {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = color(type);
    legend.append(el("span", { "data-type": type }, swatch, type));
  }
}

// ---- timeline -----------------------------------------------------------------------------

function addDays(iso, n) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function drawTimeline(stats) {
  const chart = document.getElementById("timeline");
  chart.replaceChildren();
  const W = 960, H = 160, pad = { l: 30, r: 10, t: 10, b: 22 };
  if (!stats.days.length) {
    chart.append(svg("text", { class: "axis", x: W / 2, y: H / 2, "text-anchor": "middle" }, "no dated events"));
    return;
  }
  const days = [];
  for (let day = stats.days[0]; day <= stats.days[stats.days.length - 1] && days.length < 3660; day = addDays(day, 1)) days.push(day);
  const totals = {};
  for (const row of stats.series) totals[row.date] = (totals[row.date] || 0) + row.count;
  const top = Math.max(1, ...Object.values(totals));
  const step = (W - pad.l - pad.r) / days.length;
  const scale = (H - pad.t - pad.b) / top;
  const stacked = {};
  for (const row of stats.series) {
    const i = days.indexOf(row.date);
    const below = stacked[row.date] || 0;
    stacked[row.date] = below + row.count;
    const bar = svg("rect", {
      class: "bar", x: (pad.l + i * step + step * 0.1).toFixed(1), width: Math.max(1, step * 0.8).toFixed(1),
      y: (H - pad.b - (below + row.count) * scale).toFixed(1), height: (row.count * scale).toFixed(1),
      fill: color(row.plover_type), "data-date": row.date, "data-type": row.plover_type, "data-count": row.count,
    });
    bar.append(svg("title", {}, row.date + " " + row.plover_type + ": " + row.count));
    chart.append(bar);
  }
  chart.append(svg("line", { x1: pad.l, x2: W - pad.r, y1: H - pad.b, y2: H - pad.b, stroke: "#999" }));
  chart.append(svg("text", { class: "axis", x: pad.l, y: H - 6 }, days[0]));
  chart.append(svg("text", { class: "axis", x: W - pad.r, y: H - 6, "text-anchor": "end" }, days[days.length - 1]));
  chart.append(svg("text", { class: "axis", x: 2, y: pad.t + 8 }, top));
}

// ---- lists and detail ---------------------------------------------------------------------

function badge(type) {
  const node = el("span", { class: "badge" }, type);
  node.style.background = color(type);
  return node;
}

function eventLine(event) {
  const where = event.place ? event.place.name + " (" + (event.place.country || "?") + ")" : "no place";
  return el("button", { type: "button", "data-id": event.id }, badge(event.plover_type),
    (event.date || "undated") + " \u00b7 " + where + " \u2014 " + event.evidence.sentence.slice(0, 90));
}

function drawLists(events, stories) {
  const list = document.getElementById("events");
  list.replaceChildren();
  for (const event of events) {
    const button = eventLine(event);
    button.addEventListener("click", () => showEvent(event.id));
    list.append(el("li", {}, button));
  }
  const storyList = document.getElementById("stories");
  storyList.replaceChildren();
  for (const story of stories) {
    const where = story.place ? story.place.name : story.country || "?";
    const button = el("button", { type: "button", "data-id": story.id }, badge(story.plover_type),
      (story.date || "undated") + " \u00b7 " + where + " \u00b7 " + story.n_articles + " article(s), "
      + story.n_events + " report(s)");
    button.addEventListener("click", () => showStory(story.id));
    storyList.append(el("li", {}, button));
  }
}

// The sentence with the trigger and every argument span wrapped in <mark>, built from text nodes.
function highlighted(sentence, sentenceStart, trigger, args) {
  const spans = [{ start: trigger.start, end: trigger.end, role: "trigger" }];
  for (const [role, list] of Object.entries(args || {})) {
    for (const span of list) spans.push({ start: span.start, end: span.end, role });
  }
  const cuts = new Set([0, sentence.length]);
  for (const span of spans) {
    cuts.add(Math.max(0, Math.min(sentence.length, span.start - sentenceStart)));
    cuts.add(Math.max(0, Math.min(sentence.length, span.end - sentenceStart)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const block = el("div", { class: "evidence" });
  for (let i = 0; i + 1 < points.length; i += 1) {
    const a = points[i], b = points[i + 1];
    const text = sentence.slice(a, b);
    const covering = spans.filter((s) => s.start - sentenceStart <= a && s.end - sentenceStart >= b);
    if (!covering.length) { block.append(document.createTextNode(text)); continue; }
    const roles = covering.map((s) => s.role);
    const classes = roles.includes("trigger") ? (roles.length > 1 ? "arg trigger" : "trigger") : "arg";
    const mark = el("mark", { class: classes, "data-role": roles.join(" ") }, text);
    mark.title = roles.join(", ");
    block.append(mark);
  }
  return block;
}

function safeLink(url, text) {
  // Only web links become anchors: a javascript: or data: URL in an article stays inert text.
  if (typeof url === "string" && /^https?:\/\//i.test(url)) {
    return el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", class: "source-link" }, text || url);
  }
  return el("span", { class: "source-link" }, text || url || "no link");
}

function confidenceTable(confidence) {
  const table = el("table", { class: "conf" });
  for (const [field, value] of Object.entries(confidence || {})) {
    table.append(el("tr", {}, el("td", {}, field), el("td", {}, Number(value).toFixed(2))));
  }
  return table;
}

function counts(event) {
  const parts = [];
  for (const name of ["killed", "injured", "arrested", "crowd_size"]) {
    const c = event[name];
    if (c) parts.push(name + ": " + c.min + (c.max === c.min ? "" : c.max === null ? "+" : "\u2013" + c.max));
  }
  return parts.join(", ");
}

async function showEvent(id) {
  const detail = document.getElementById("detail");
  try {
    const { event } = await getJSON("/events/" + encodeURIComponent(id));
    const { article } = await getJSON("/articles/" + encodeURIComponent(event.article_id));
    const place = event.place ? event.place.name + ", " + (event.place.admin1 || "") + " " + (event.place.country || "") : "no place";
    // an inferred target (the country a protest happens in) is shown as such: no words name it
    const actors = (list) =>
      list.map((a) => (a.inferred ? "[" + a.text + ", inferred]" : a.text + " (" + (a.sector || "?") + ")")).join("; ") ||
      "\u2013";
    const storyButton = el("button", { type: "button", class: "link" }, "story " + event.story_id);
    storyButton.addEventListener("click", () => showStory(event.story_id));
    const textToggle = el("button", { type: "button", class: "link" }, "show article text");
    const articleText = el("div", { class: "article-text", hidden: "" }, article.text || "");
    textToggle.addEventListener("click", () => { articleText.hidden = !articleText.hidden; });
    put(detail, 
      el("h3", { "data-event": event.id }, badge(event.plover_type), (event.plover_mode || "") + " " + (event.acled_subtype || "")),
      el("p", { class: "meta" }, (event.date || "undated") + " (" + event.date_precision + ") \u00b7 " + place),
      el("p", { class: "meta" }, "source: " + actors(event.sources) + " \u00b7 target: " + actors(event.targets)),
      counts(event) ? el("p", { class: "meta" }, counts(event)) : null,
      highlighted(event.evidence.sentence, event.evidence.start, event.evidence.trigger, event.evidence.arguments),
      el("p", { class: "meta" }, "from: ", safeLink(article.url, article.title || article.url || article.id),
        " \u00b7 ", article.source || "", " \u00b7 ", event.story_id ? storyButton : ""),
      confidenceTable(event.confidence),
      el("p", {}, textToggle), articleText,
    );
  } catch (error) {
    put(detail, el("p", { class: "error" }, "Could not load event: " + error.message));
  }
}

async function showStory(id) {
  const detail = document.getElementById("detail");
  try {
    const { story } = await getJSON("/stories/" + encodeURIComponent(id));
    const sources = el("div", {});
    const titles = {};
    for (const articleId of story.article_ids) {
      try { titles[articleId] = (await getJSON("/articles/" + encodeURIComponent(articleId))).article; } catch (e) { titles[articleId] = {}; }
    }
    for (const source of story.sources) {
      const article = titles[source.article_id] || {};
      sources.append(
        highlighted(source.sentence, source.start, source.trigger, source.arguments),
        el("p", { class: "meta" }, safeLink(article.url, article.title || article.url || source.article_id),
          " \u00b7 confidence " + (source.confidence === null ? "?" : Number(source.confidence).toFixed(2))),
      );
    }
    const changes = el("ul", { class: "changes" });
    for (const change of story.changes) {
      changes.append(el("li", {}, change.changed_at.slice(0, 19) + " " + change.field + ": "
        + JSON.stringify(change.old) + " \u2192 " + JSON.stringify(change.new)));
    }
    put(detail, 
      el("h3", { "data-story": story.id }, badge(story.plover_type), "story " + story.id),
      el("p", { class: "meta" }, (story.date || "undated") + (story.last_date && story.last_date !== story.date ? " \u2013 " + story.last_date : "")
        + " \u00b7 " + (story.place ? story.place.name : story.country || "?") + " \u00b7 " + story.n_articles + " article(s)"),
      counts(story) ? el("p", { class: "meta" }, counts(story)) : null,
      sources,
      story.changes.length ? el("h4", {}, "Changes") : null,
      story.changes.length ? changes : null,
    );
  } catch (error) {
    put(detail, el("p", { class: "error" }, "Could not load story: " + error.message));
  }
}

function showCluster(events) {
  const detail = document.getElementById("detail");
  const list = el("ol", { class: "cluster-list" });
  for (const event of events) {
    const button = eventLine(event);
    button.addEventListener("click", () => showEvent(event.id));
    list.append(el("li", {}, button));
  }
  put(detail, el("h3", {}, events.length + " events here"), list);
}

// ---- wiring -------------------------------------------------------------------------------

async function refresh() {
  const params = filterParams();
  setStatus("loading\u2026");
  try {
    const eventsParams = new URLSearchParams(params);
    eventsParams.set("limit", "1000");
    const storyParams = new URLSearchParams();
    for (const name of ["country", "type", "since", "until"]) if (params.get(name)) storyParams.set(name, params.get(name));
    storyParams.set("limit", "200");
    const [events, stats, stories] = await Promise.all([
      getJSON("/events?" + eventsParams), getJSON("/stats?" + params), getJSON("/stories?" + storyParams),
    ]);
    state.events = events.events;
    drawMarkers(events.events);
    drawTimeline(stats);
    drawLists(events.events, stories.stories);
    setStatus(events.total + " events, " + stories.total + " stories" + (events.total > events.events.length ? " (showing " + events.events.length + ")" : ""));
    document.body.setAttribute("data-ready", "1");
  } catch (error) {
    setStatus("error: " + error.message);
  }
}

async function start() {
  const facets = await getJSON("/facets");
  const country = document.getElementById("f-country");
  for (const item of facets.countries) country.append(el("option", { value: item.value }, item.value + " (" + item.count + ")"));
  const type = document.getElementById("f-type");
  for (const item of facets.types) type.append(el("option", { value: item.value }, item.value + " (" + item.count + ")"));
  drawLegend(facets.types.map((t) => t.value));
  await drawBaseMap(facets.map);
  const form = document.getElementById("filters");
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  for (const id of ["f-country", "f-type"]) document.getElementById(id).addEventListener("change", refresh);
  await refresh();
}

document.addEventListener("DOMContentLoaded", () => { start().catch((e) => setStatus("error: " + e.message)); });
