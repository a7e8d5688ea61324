// Draws each chart from the report data embedded in the page. A suppressed cell arrives as null with its mark
// ("< 5", "×"); the plugin below draws a hatched marker with that mark at its place, so a chart never shows it as a
// zero or as a silent gap, and agrees point for point with the table under it.
(function () {
  'use strict';
  var source = document.getElementById('trends-data');
  if (!source || typeof Chart === 'undefined') return;
  var data = JSON.parse(source.textContent || '{}');
  // Rijkshuisstijl colours: lintblauw, oranje, groen, robijnrood, hemelblauw, paars.
  var colours = ['#01689b', '#e17000', '#39870c', '#ca005d', '#007bc7', '#42145f'];
  var hatch = null;
  function pattern(ctx) {
    if (hatch) return hatch;
    var tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    var t = tile.getContext('2d');
    t.fillStyle = '#fff4e5';
    t.fillRect(0, 0, 8, 8);
    t.strokeStyle = '#e17000';
    t.lineWidth = 2;
    t.beginPath();
    t.moveTo(0, 8);
    t.lineTo(8, 0);
    t.stroke();
    hatch = ctx.createPattern(tile, 'repeat');
    return hatch;
  }
  var suppressedMarks = {
    id: 'afgeschermd',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var drawn = 0;
      var stacked = !!chart.options.scales.x.stacked;
      var perIndex = {};
      var horizontal = chart.options.indexAxis === 'y';
      var index = horizontal ? chart.scales.y : chart.scales.x;
      var value = horizontal ? chart.scales.x : chart.scales.y;
      chart.data.datasets.forEach(function (d, di) {
        if (!chart.isDatasetVisible(di)) return;
        var n = d.marks ? d.marks.length : 0;
        var slots = chart.data.datasets.filter(function (x, i) { return chart.isDatasetVisible(i); }).length;
        var slot = stacked ? 0 : chart.data.datasets.slice(0, di).filter(function (x, i) { return chart.isDatasetVisible(i); }).length;
        for (var i = 0; i < n; i++) {
          var mark = d.marks[i];
          if (!mark) continue;
          var centre = index.getPixelForValue(i);
          var band = (index.getPixelForValue(1) - index.getPixelForValue(0)) || 40;
          var width = Math.max(12, Math.abs(band) * 0.8 / (chart.options.scales.x.stacked ? 1 : slots));
          var offset = chart.options.scales.x.stacked ? 0 : (slot - (slots - 1) / 2) * width;
          var base = value.getPixelForValue(0);
          var size = 18;
          ctx.save();
          ctx.fillStyle = pattern(ctx);
          ctx.strokeStyle = '#5c2d00';
          var x, y, w, h;
          // Stacked charts: several marks at one place sit side by side along the value axis.
          var before = stacked ? perIndex[i] || 0 : 0;
          perIndex[i] = before + 1;
          if (horizontal) {
            w = size * 2; h = width - 4; x = base + before * (w + 2); y = centre + offset - width / 2 + 2;
          } else {
            w = width - 4; h = size; x = centre + offset - width / 2 + 2; y = base - size - before * (h + 2);
          }
          ctx.fillRect(x, y, w, h);
          ctx.strokeRect(x, y, w, h);
          ctx.fillStyle = '#5c2d00';
          ctx.font = 'bold 11px sans-serif';
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          ctx.fillText(mark, x + w / 2, y + h / 2);
          ctx.restore();
          drawn++;
        }
      });
      chart.canvas.setAttribute('data-afgeschermd', String(drawn));
    },
  };

  (data.charts || []).forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d, i) {
          var colour = colours[i % colours.length];
          return { label: d.label, data: d.data, marks: d.marks, backgroundColor: colour, borderColor: colour, spanGaps: false, tension: 0 };
        }),
      },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: !!spec.stacked, beginAtZero: true },
          y: { stacked: !!spec.stacked, beginAtZero: true },
        },
        plugins: { legend: { position: 'bottom' }, title: { display: false } },
      },
      plugins: [suppressedMarks],
    });
  });
})();
