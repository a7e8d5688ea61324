// Draws each chart from the report data embedded in the page. Suppressed cells arrive as null and stay gaps.
(function () {
  'use strict';
  var source = document.getElementById('trends-data');
  if (!source || typeof Chart === 'undefined') return;
  var data = JSON.parse(source.textContent || '{}');
  // Rijkshuisstijl colours: lintblauw, oranje, groen, robijnrood, hemelblauw, paars.
  var colours = ['#01689b', '#e17000', '#39870c', '#ca005d', '#007bc7', '#42145f'];
  (data.charts || []).forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d, i) {
          var colour = colours[i % colours.length];
          return { label: d.label, data: d.data, backgroundColor: colour, borderColor: colour, spanGaps: false, tension: 0 };
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
    });
  });
})();
