/**
 * The browser side of report.html: reads the chart specs from the page's JSON block and draws
 * them with chart.js. Kept as source text (not a compiled function) so what runs in the page is
 * exactly what is written here, whatever the TypeScript toolchain does to functions.
 * Whiskers are a ten-line chart.js plugin: no extra library.
 */
export const RUNTIME = String.raw`(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('guichet-data').textContent);
  const nf = (options) => new Intl.NumberFormat(data.locale, options);
  const formats = {
    share: nf({ style: 'percent', maximumFractionDigits: 0 }),
    points: nf({ style: 'percent', maximumFractionDigits: 0 }),
    eur: nf({ style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
    days: nf({ maximumFractionDigits: 1 }),
    minutes: nf({ maximumFractionDigits: 0 }),
    count: nf({ maximumFractionDigits: 0 }),
  };
  const shareFine = nf({ style: 'percent', maximumFractionDigits: 1 });
  // Same narrow no-break space before % as the page's text, whatever the browser's ICU does.
  const format = (unit, v) => (unit === 'share' && Math.abs(v) < 0.1 && v !== 0 ? shareFine : formats[unit]).format(v).replace(/[\u00a0 ]%/, '\u202f%');

  const whiskers = {
    id: 'guichetWhiskers',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      chart.data.datasets.forEach((ds, i) => {
        if (!ds.intervals || !chart.isDatasetVisible(i)) return;
        const meta = chart.getDatasetMeta(i);
        const scale = meta.vScale;
        const clip = (v) => Math.min(scale.max, Math.max(scale.min, v));
        ctx.save();
        ctx.strokeStyle = '#111';
        ctx.lineWidth = 1.5;
        meta.data.forEach((bar, k) => {
          const iv = ds.intervals[k];
          if (!iv) return;
          const top = scale.getPixelForValue(clip(iv[1]));
          const bottom = scale.getPixelForValue(clip(iv[0]));
          const cap = Math.max(3, Math.min(10, bar.width / 4));
          ctx.beginPath();
          ctx.moveTo(bar.x, top); ctx.lineTo(bar.x, bottom);
          ctx.moveTo(bar.x - cap, top); ctx.lineTo(bar.x + cap, top);
          ctx.moveTo(bar.x - cap, bottom); ctx.lineTo(bar.x + cap, bottom);
          ctx.stroke();
        });
        ctx.restore();
      });
    },
  };

  // panels share one scale, unless a panel measures something else (its own yUnit)
  const highest = (spec, panel) => {
    let max = 0;
    const sets = panel && panel.yUnit ? panel.datasets : spec.panels ? spec.panels.filter((p) => !p.yUnit).flatMap((p) => p.datasets) : spec.datasets;
    for (const d of sets) {
      for (const v of d.data) if (typeof v === 'number') max = Math.max(max, v); else if (v && typeof v.y === 'number') max = Math.max(max, v.y);
      for (const iv of d.intervals || []) if (iv) max = Math.max(max, iv[1]);
    }
    return max;
  };

  // With point-style legends chart.js takes the dash from the (undashed) points: put the line's back.
  const legendItems = (chart) => Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
    const ds = chart.data.datasets[item.datasetIndex];
    return Object.assign(item, { lineDash: (ds && ds.borderDash) || [], lineWidth: 2.5 });
  });

  const config = (spec, panel) => {
    const line = spec.kind === 'line';
    const datasets = (panel ? panel.datasets : spec.datasets).map((d) => ({
      label: d.label,
      data: d.data,
      intervals: d.intervals,
      backgroundColor: line ? 'transparent' : d.color,
      borderColor: d.color,
      borderWidth: line ? 2.5 : 0,
      borderDash: d.dashed ? [7, 5] : [],
      maxBarThickness: 140,
      pointRadius: 0,
      pointHitRadius: 6,
      spanGaps: true,
    }));
    const x = spec.labels
      // dates may be thinned out; policy and group names may not (a bar without its name reads as nothing)
      ? { type: 'category', title: { display: !panel, text: spec.xTitle }, ticks: line ? { maxRotation: 0, autoSkipPadding: 16, maxTicksLimit: panel ? 4 : 11 } : { autoSkip: false, maxRotation: 0 }, grid: { display: line } }
      : { type: 'linear', min: 0, title: { display: true, text: spec.xTitle }, ticks: panel ? { maxRotation: 0, maxTicksLimit: 6 } : {} };
    const own = panel && panel.yUnit;
    const unit = own ? panel.yUnit : spec.yUnit;
    const yMax = own ? panel.yMax : spec.yMax;
    const y = {
      beginAtZero: true,
      // small multiples are short: a smaller title still fits their height
      title: { display: true, text: own ? panel.yTitle : spec.yTitle, font: panel ? { size: 11 } : {} },
      ticks: { callback: (v) => format(unit, v) },
    };
    if (yMax !== undefined && yMax !== null) y.max = yMax; else y.suggestedMax = highest(spec, panel) * 1.05;
    if (spec.yLog) {
      // a log axis from 1: only 1, 2 and 5 times a power of ten are labelled, so labels do not crowd
      Object.assign(y, { type: 'logarithmic', beginAtZero: false, min: 1 });
      y.ticks = { callback: (v) => ([1, 2, 5].includes(Math.round(v / 10 ** Math.floor(Math.log10(v)))) ? format(unit, v) : null) };
    }
    const label = (item) => {
      const iv = item.dataset.intervals && item.dataset.intervals[item.dataIndex];
      const value = format(unit, item.parsed.y);
      const range = iv ? ' [' + format(unit, iv[0]) + ' – ' + format(unit, iv[1]) + ']' : '';
      return item.dataset.label + ': ' + value + range;
    };
    return {
      type: spec.kind,
      data: { labels: spec.labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: line ? { mode: 'index', intersect: false } : { mode: 'nearest', intersect: true },
        plugins: {
          legend: { display: spec.legend, position: 'bottom', labels: { usePointStyle: line, pointStyle: 'line', pointStyleWidth: 36, boxWidth: 28, generateLabels: legendItems } },
          // a group's traits under its name: too long to write under the bars
          tooltip: { callbacks: { label, afterTitle: (items) => (spec.details && items.length ? spec.details[items[0].dataIndex] || [] : []) } },
        },
        scales: { x, y },
      },
      plugins: [whiskers],
    };
  };

  Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = '#1d1d1f';
  const charts = [];
  // by canvas id, for readers' scripts and for the browser test that checks the layout
  const byId = {};
  const draw = (canvasId, spec, panel) => {
    try {
      const chart = new Chart(document.getElementById(canvasId), config(spec, panel));
      charts.push(chart);
      byId[canvasId] = chart;
    } catch (error) {
      console.error('guichet report: chart ' + canvasId + ' failed:', error);
    }
  };
  for (const spec of data.charts) {
    if (spec.panels) spec.panels.forEach((panel, k) => draw('chart-' + spec.id + '-' + k, spec, panel));
    else draw('chart-' + spec.id, spec);
  }
  window.guichetCharts = byId;
  window.addEventListener('beforeprint', () => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    for (const c of charts) c.resize();
  });
  window.addEventListener('afterprint', () => { for (const c of charts) c.resize(); });
  document.documentElement.setAttribute('data-charts-drawn', String(charts.length));
})();
`;
