// dyadwatch dashboard: draws the charts from JSON embedded in the page (no inline
// scripts, so the Content-Security-Policy can forbid them) and scrolls to evidence.
(function () {
  "use strict";

  var QUADS = [
    ["1", "verbal cooperation", "#74c476"],
    ["2", "material cooperation", "#238b45"],
    ["3", "verbal conflict", "#fd8d3c"],
    ["4", "material conflict", "#d7301f"]
  ];

  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function addDays(iso, days) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function drawTimeline(div) {
    var rows = data("timeline-data") || [];
    if (!rows.length) {
      div.textContent = "No dated events to chart.";
      div.dataset.rendered = "empty";
      return;
    }
    var x = rows.map(function (r) { return r.period; });
    var traces = QUADS.map(function (q) {
      return {
        type: "bar", name: q[1], x: x, marker: {color: q[2]},
        y: rows.map(function (r) { return r.quad_class[q[0]]; })
      };
    });
    traces.push({
      type: "scatter", mode: "lines+markers", name: "mean Goldstein", x: x, yaxis: "y2",
      y: rows.map(function (r) { return r.goldstein; }), connectgaps: false,
      line: {color: "#3b4cc0"}
    });
    var layout = {
      barmode: "stack", height: 340, margin: {t: 20, r: 60, b: 50, l: 50},
      xaxis: {type: "category", title: {text: div.dataset.by}},
      yaxis: {title: {text: "events"}, rangemode: "tozero"},
      yaxis2: {title: {text: "mean Goldstein"}, overlaying: "y", side: "right", range: [-10, 10],
               tickvals: [-10, -5, 0, 5, 10], zeroline: false, showgrid: false},
      legend: {orientation: "h", y: -0.25}
    };
    Plotly.newPlot(div, traces, layout, {displaylogo: false, responsive: true}).then(function () {
      div.dataset.rendered = "yes";
    });
    // A click on a period shows that period's events.
    div.on("plotly_click", function (ev) {
      var period = ev.points[0].x;
      var params = new URLSearchParams(window.location.search);
      params.set("since", period);
      params.set("until", div.dataset.by === "week" ? addDays(period, 6) : period);
      params.delete("page");
      window.location.search = params.toString();
    });
  }

  function drawNetwork(div) {
    var net = data("network-data");
    if (!net || !net.nodes.length) {
      div.textContent = "No dyads yet.";
      div.dataset.rendered = "empty";
      return;
    }
    var at = {};
    net.nodes.forEach(function (n) { at[n.code] = n; });
    var most = Math.max.apply(null, net.edges.map(function (e) { return e.events; }));
    var traces = net.edges.map(function (e) {
      var g = e.goldstein;
      var color = g >= 0 ? "rgba(35,139,69," + (0.35 + Math.min(g, 10) / 15) + ")"
                         : "rgba(215,48,31," + (0.35 + Math.min(-g, 10) / 15) + ")";
      return {
        type: "scatter", mode: "lines", hoverinfo: "text", showlegend: false,
        x: [at[e.a].x, at[e.b].x], y: [at[e.a].y, at[e.b].y],
        text: e.a + "–" + e.b + ": " + e.events + " events, mean Goldstein " + g,
        line: {color: color, width: 1 + 7 * Math.sqrt(e.events / most)},
        customdata: [e.a + "-" + e.b, e.a + "-" + e.b]
      };
    });
    traces.push({
      type: "scatter", mode: "markers+text", showlegend: false, textposition: "top center",
      x: net.nodes.map(function (n) { return n.x; }),
      y: net.nodes.map(function (n) { return n.y; }),
      text: net.nodes.map(function (n) { return n.code; }),
      hovertext: net.nodes.map(function (n) { return n.code + ": " + n.events + " events"; }),
      hoverinfo: "text", marker: {size: 12, color: "#444"}
    });
    var axis = {visible: false, range: [-1.3, 1.3]};
    Plotly.newPlot(div, traces, {height: 420, margin: {t: 10, r: 10, b: 10, l: 10},
      xaxis: axis, yaxis: Object.assign({scaleanchor: "x"}, axis), hovermode: "closest"},
      {displaylogo: false, responsive: true}).then(function () { div.dataset.rendered = "yes"; });
    div.on("plotly_click", function (ev) {
      var pair = ev.points[0].customdata;
      if (pair) { window.location.href = "/dyad/" + pair; }
    });
  }

  function showEvidence() {
    var first = document.querySelector("#article-text mark.selected");
    if (first) {
      first.id = "evidence";
      first.scrollIntoView({block: "center"});
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var timelineDiv = document.getElementById("timeline");
    if (timelineDiv && window.Plotly) { drawTimeline(timelineDiv); }
    var networkDiv = document.getElementById("network");
    if (networkDiv && window.Plotly) { drawNetwork(networkDiv); }
    showEvidence();
  });
})();
