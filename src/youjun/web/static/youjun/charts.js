/* youjun charts: ECharts (served locally) fed by json_script blocks. Honest axes: every value
   axis starts at zero; missing values stay gaps (connectNulls: false). */
(function () {
  "use strict";
  var OK = "#2e7d32", BAD = "#c62828", LIMIT = "#37474f";
  var PALETTE = ["#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#558b2f", "#4e342e", "#283593"];

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  /* Every text put into tooltip HTML goes through esc(): district, school and series names
     come from uploads and the platform's records, never markup. */
  var ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"};
  function esc(v) {
    return String(v === null || v === undefined ? "" : v).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }
  function fmt(v, digits) {
    return v === null || v === undefined ? "—" : Number(v).toFixed(digits);
  }
  function names(d) {
    return function (params) {
      var i = params[0].dataIndex, out = [esc((d.names && d.names[i]) || params[0].axisValue)];
      /* p.marker is ECharts' own colour dot (markup it builds itself); the rest is text */
      params.forEach(function (p) { out.push(p.marker + esc(p.seriesName) + ": " + esc(fmt(p.value, 3))); });
      if (d.limit && d.limit[i] !== null && d.labels && d.labels.limit) {
        out.push(esc(d.labels.limit) + ": " + esc(fmt(d.limit[i], 2)));
      }
      return out.join("<br>");
    };
  }

  /* The value axis starts at zero and reaches above both the bars and the limit, so the
     limit line is always on the chart. */
  function axisMax(values, limits) {
    var top = 0;
    values.concat(limits || []).forEach(function (v) { if (v !== null && v > top) { top = v; } });
    return top > 0 ? Math.ceil(top * 1.12 * 10) / 10 : null;
  }

  function limitSeries(name, limits) {
    var known = limits.filter(function (v) { return v !== null; });
    var same = known.length && known.every(function (v) { return v === known[0]; });
    var style = {type: "dashed", width: 2, color: LIMIT};
    if (same) {  /* one limit for the level: a line across the whole chart */
      return {name: name, type: "line", data: [], itemStyle: {color: LIMIT}, lineStyle: style,
              markLine: {symbol: "none", silent: true, lineStyle: style, label: {formatter: "{c}"},
                         data: [{yAxis: known[0]}]}};
    }
    return {name: name, type: "line", data: limits, symbol: "none", step: "middle",
            itemStyle: {color: LIMIT}, lineStyle: style};
  }

  /* The CV chart: the legend alone in the top band; the value axis's title runs along the axis
     on the left (nameLocation "middle"), never above the plot where a phone's legend reaches it. */
  function cvOption(d, el) {
    var narrow = el && el.clientWidth && el.clientWidth < 480;
    return {
      color: [OK, LIMIT],
      tooltip: {trigger: "axis", formatter: names(d)},
      legend: {data: [d.labels.cv, d.labels.limit], top: 0, type: "plain", itemGap: narrow ? 6 : 10},
      grid: {left: 56, right: 40, top: narrow ? 40 : 36, bottom: 28},
      xAxis: {type: "category", data: d.categories},
      yAxis: {type: "value", min: 0, max: axisMax(d.cv, d.limit), name: d.labels.axis || d.labels.cv,
              nameLocation: "middle", nameGap: 40},
      series: [
        {name: d.labels.cv, type: "bar", barMaxWidth: 36, itemStyle: {color: OK},
         data: d.cv.map(function (v, i) {
           return {value: v, itemStyle: {color: d.passes[i] === false ? BAD : OK}};
         })},
        limitSeries(d.labels.limit, d.limit)
      ]
    };
  }

  /* Where each line's end label goes: at the last known value of its series, labels nudged
     apart vertically (at least GAP px) with each cluster of close labels centred on its lines,
     so no two overlap and none drifts far from its line; returns {series index: [index, dy]}. */
  function endLabels(series, max, plotHeight) {
    var GAP = 13, ends = [];
    series.forEach(function (s, i) {
      var last = -1;
      s.data.forEach(function (v, j) { if (v !== null && v !== undefined) { last = j; } });
      if (last >= 0 && max) { ends.push({i: i, j: last, y: plotHeight * (1 - s.data[last] / max)}); }
    });
    ends.sort(function (a, b) { return a.y - b.y || a.i - b.i; });
    var blocks = [];
    ends.forEach(function (e) {
      blocks.push({items: [e], top: e.y});
      while (blocks.length > 1) {
        var b = blocks[blocks.length - 1], a = blocks[blocks.length - 2];
        if (a.top + a.items.length * GAP <= b.top) { break; }
        var items = a.items.concat(b.items), mean = 0;
        items.forEach(function (x) { mean += x.y; });
        mean /= items.length;
        blocks.splice(blocks.length - 2, 2, {items: items, top: mean - (items.length - 1) * GAP / 2});
      }
    });
    var out = {};
    blocks.forEach(function (b) {
      b.items.forEach(function (e, k) { out[e.i] = [e.j, b.top + k * GAP - e.y]; });
    });
    return out;
  }

  /* The CV of each indicator across school years: one line per indicator, drawn across a year
     without a finished run (that year says 未评估 under it on the axis), labelled once at its end
     with its code (R1…R7), the labels nudged apart so none overlap; every value on hover and in
     the table under the chart. The axes say what they show (学年, 差异系数), the limit line is
     labelled inside the plot; at phone width the years are tilted so all of them stay. */
  function trendOption(d, el) {
    var years = data("trend-years") || [], labels = data("trend-labels") || {};
    var narrow = el && el.clientWidth && el.clientWidth < 480;
    var assessed = d.assessed || years.map(function () { return true; });
    var top = narrow ? 72 : 48, bottom = narrow ? 72 : 56;
    var max = axisMax([].concat.apply([], d.series.map(function (s) { return s.data; })), [d.limit]);
    var ends = endLabels(d.series, max, ((el && el.clientHeight) || 300) - top - bottom);
    var series = d.series.map(function (s, i) {
      var end = ends[i];
      return {name: s.short, type: "line", connectNulls: true, symbolSize: 7,
              data: s.data.map(function (v, j) {
                if (!end || j !== end[0]) { return v; }
                return {value: v, label: {show: true, position: "right", offset: [2, end[1]],
                                          fontSize: narrow ? 10 : 11, fontWeight: "bold",
                                          color: PALETTE[i % PALETTE.length], formatter: s.short}};
              })};
    });
    if (d.limit !== null) {
      series.push({name: labels.limit, type: "line", data: [], itemStyle: {color: LIMIT},
                   lineStyle: {type: "dashed", color: LIMIT},
                   markLine: {symbol: "none", silent: true, lineStyle: {type: "dashed", width: 2, color: LIMIT},
                              label: {position: "insideEndTop", color: LIMIT,
                                      formatter: (labels.limit || "") + " " + fmt(d.limit, 2)},
                              data: [{yAxis: d.limit}]}});
    }
    var full = {};
    d.series.forEach(function (s) { full[s.short] = s.name; });
    return {
      color: PALETTE,
      tooltip: {trigger: "axis", formatter: function (params) {
        var i = params[0].dataIndex, out = [esc(params[0].axisValue)];
        params.forEach(function (p) {
          if (!full[p.seriesName]) { return; }
          var missing = assessed[i] === false ? labels.missing : (labels.no_value || "—");
          out.push(p.marker + esc(p.seriesName + " " + full[p.seriesName]) + ": " +
                   esc(p.value === null || p.value === undefined ? missing : fmt(p.value, 3)));
        });
        return out.join("<br>");
      }},
      /* a plain legend wraps onto a second line at phone width (a scrolling one hides entries) */
      legend: {top: 0, type: "plain", itemGap: narrow ? 6 : 10, itemWidth: 18,
               data: d.series.map(function (s) { return s.short; }).concat(d.limit !== null ? [labels.limit] : [])},
      grid: {left: 56, right: 40, top: top, bottom: bottom, containLabel: false},
      xAxis: {type: "category", data: years, name: labels.years, nameLocation: "middle",
              nameGap: narrow ? 54 : 40,
              axisLabel: {interval: 0, rotate: narrow ? 30 : 0, formatter: function (v, i) {
                return assessed[i] === false ? v + "\n" + (labels.missing || "") : v;
              }}},
      yAxis: {type: "value", min: 0, name: labels.axis, nameLocation: "middle", nameGap: 40,
              axisLabel: {formatter: function (v) { return fmt(v, 2); }}, max: max},
      series: series
    };
  }

  function ratioOption(d) {
    return {
      color: [OK],
      tooltip: {trigger: "axis", formatter: function (params) {
        var i = params[0].dataIndex;
        return esc(d.names[i] || params[0].axisValue) + "<br>" + params[0].marker + esc(fmt(params[0].value, 1)) + "%";
      }},
      legend: {data: [d.labels.ratio], top: 0},
      grid: {left: 52, right: 100, top: 32, bottom: 28},
      xAxis: {type: "category", data: d.categories},
      yAxis: {type: "value", min: 0, axisLabel: {formatter: "{value}%"}},
      series: [{name: d.labels.ratio, type: "bar", barMaxWidth: 36, itemStyle: {color: OK},
        data: d.ratio.map(function (v, i) {
          return {value: v, itemStyle: {color: d.meets[i] === false ? BAD : OK}};
        }),
        markLine: {symbol: "none", lineStyle: {type: "dashed", color: LIMIT},
                   label: {formatter: d.labels.standard, position: "end"}, data: [{yAxis: 100}]}}]
    };
  }

  /* The comparison chart, as the CV chart: the legend alone in the top band, the value axis's
     title along the axis on the left, never above the plot where the legend reaches it on a
     phone (walk 28: the legend covered "差异系数"). */
  function compareOption(d) {
    var labels = data("compare-labels") || {limit: "limit"};
    var series = d.series.map(function (s) { return {name: s.name, type: "bar", data: s.data, barMaxWidth: 24}; });
    var all = [].concat.apply([], d.series.map(function (s) { return s.data; }));
    series.push(limitSeries(labels.limit, d.limit));
    return {
      color: PALETTE,
      tooltip: {trigger: "axis", formatter: names(d)},
      legend: {top: 0, type: "scroll"},
      grid: {left: 60, right: 40, top: 36, bottom: 28},
      xAxis: {type: "category", data: d.categories},
      /* a CV chart keeps its limit in view; a chart of counts (d.axis) gets ECharts' own round top */
      yAxis: {type: "value", min: 0, max: d.axis ? null : axisMax(all, d.limit), name: d.axis || labels.axis || "CV",
              nameLocation: "middle", nameGap: 44},
      series: series
    };
  }

  var BUILDERS = {cv: cvOption, trend: trendOption, ratio: ratioOption, compare: compareOption};

  function draw() {
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var d = data(el.getAttribute("data-source"));
      if (!d) { return; }
      if (typeof window.echarts === "undefined") {
        el.classList.add("chart-missing");
        el.textContent = "ECharts is not installed on this server (scripts/fetch-static.sh).";
        return;
      }
      var chart = window.echarts.init(el, null, {renderer: "svg"});
      var option = BUILDERS[el.getAttribute("data-chart")](d, el);
      option.animation = false;  /* figures appear as they are, at once */
      chart.setOption(option);
      el.setAttribute("data-ready", "1");
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
