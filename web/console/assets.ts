import { staffAsset } from '../staff/staffAsset';

export const consoleAssetPrefix = '/api/console/assets';

/* The console's own layout on top of the shared staff sheet: timeline, stage counts, charts. */
const css = `
.journey-grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.3fr);gap:1rem}
@media (max-width:60rem){.journey-grid{grid-template-columns:1fr}}
ol.timeline{list-style:none;margin:0;padding:0}
ol.timeline li{display:flex;flex-wrap:wrap;gap:.25rem .75rem;padding:.5rem 0;border-bottom:1px solid #e1e4e8}
ol.timeline li time{font-variant-numeric:tabular-nums;min-width:11rem;color:#3d4550}
ol.timeline li .detail{color:#4a525d;font-size:.875rem}
ol.timeline li.answer{border-left:4px solid #0e7a0d;padding-left:.5rem}
ol.timeline li.staff{border-left:4px solid #14365d;padding-left:.5rem}
ol.timeline li.message .what strong{color:#14365d}
.actions{display:flex;flex-direction:column;gap:.75rem}
form.action{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
pre{white-space:pre-wrap;word-break:break-word;background:#f4f5f7;padding:.5rem;border-radius:.25rem}
.refresh{font-size:.875rem;color:#3d4550}
.stages{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:0 0 1rem;padding:0}
.stages a{display:block;padding:.5rem .75rem;border:1px solid #d0d5dc;border-radius:.375rem;background:#fff;text-decoration:none;color:#1b1f24;min-width:8rem}
.stages a[aria-current]{border-color:#14365d;box-shadow:inset 0 0 0 2px #14365d}
.stages .count{display:block;font-size:1.375rem;font-weight:700;color:#14365d}
.nowrap{white-space:nowrap}
.pager{display:flex;gap:1rem;align-items:center;margin:.75rem 0}
.kpi-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(24rem,1fr));gap:1rem}
.kpi-grid section{margin:0}
.kpi-headline{font-size:1.5rem;font-weight:700;color:#14365d;margin:0}
.kpi-basis{color:#3d4550;font-size:.875rem;margin:0 0 .5rem}
svg.chart{width:100%;height:auto;display:block}
svg.chart .bar{fill:#2b5797}
svg.chart .axis{stroke:#5c6470;stroke-width:1}
svg.chart .grid{stroke:#e1e4e8;stroke-width:1}
svg.chart text{font-size:13px;fill:#3d4550}
svg.chart .none{fill:#5c6470}
details.data summary{cursor:pointer;color:#0b57d0}
`;

/*
 * What the console adds to the shared staff script, both only enhancements: a confirmed form says
 * so to the server (which otherwise sends the browser to a confirmation page), and live panels refresh
 * by polling their JSON fragment. A panel is never swapped while the person is in it: focus inside,
 * or a form there they have started (a technician chosen, not yet sent). Its version is asked for
 * again until it can be shown. A source that gave an ETag is asked with If-None-Match (a 304 is
 * handed to the script as it is, since the request carries its own validator: Fetch standard,
 * HTTP-network-or-cache fetch). A change is said once through the page's announcer, if it has one,
 * and told to the page's other scripts (fieldline:live-swapped), such as the board's map tiles.
 */
const js = `(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    if (!form.hasAttribute('data-confirm') || form.querySelector('input[name="confirmed"]')) return;
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'confirmed';
    input.value = 'yes';
    form.appendChild(input);
  });
  var panels = Array.prototype.slice.call(document.querySelectorAll('[data-live]'));
  if (panels.length === 0) return;
  var every = 4000;
  var sources = {};
  var etags = {};
  panels.forEach(function (panel) {
    var source = panel.getAttribute('data-live');
    (sources[source] = sources[source] || []).push(panel);
    if (panel.hasAttribute('data-live-etag')) etags[source] = panel.getAttribute('data-live-etag');
  });
  var state = document.querySelector('[data-live-state]');
  var announcer = document.querySelector('[data-live-announce]');
  var said = '';
  // Each change is said once; while a panel is held, its notice is not repeated every poll.
  function say(words, again) {
    if (!announcer || !words || (words === said && !again)) return;
    said = words;
    announcer.textContent = words;
  }
  document.addEventListener('change', function (event) {
    var form = event.target && event.target.form;
    if (form && form.closest('[data-live]')) form.setAttribute('data-live-started', '');
  });
  function busy(panel) {
    return panel.contains(document.activeElement) || panel.querySelector('form[data-live-started]') !== null;
  }
  function stamp() {
    if (state) state.textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB');
  }
  function swap(source, body, etag) {
    var changed = false;
    var held = false;
    sources[source].forEach(function (panel) {
      var fresh = body.panels[panel.getAttribute('data-live-part')];
      if (typeof fresh !== 'string' || fresh === panel.getAttribute('data-live-html')) return;
      if (busy(panel)) {
        held = true;
        return;
      }
      panel.innerHTML = fresh;
      panel.setAttribute('data-live-html', fresh);
      changed = true;
    });
    if (held) delete etags[source];
    else if (etag) etags[source] = etag;
    if (held) say((body.announce ? body.announce + ' ' : '') + 'The part you are working in updates when you leave it.');
    else if (changed) say(body.announce, true);
    if (changed) document.dispatchEvent(new CustomEvent('fieldline:live-swapped'));
    stamp();
  }
  function refresh(source) {
    if (document.hidden) return;
    var headers = { accept: 'application/json' };
    if (etags[source]) headers['if-none-match'] = etags[source];
    fetch(source, { credentials: 'same-origin', cache: 'no-store', headers: headers })
      .then(function (response) {
        if (response.status === 304) return stamp();
        if (!response.ok) return undefined;
        return response.json().then(function (body) {
          if (body && body.panels) swap(source, body, response.headers.get('etag'));
        });
      })
      .catch(function () { return undefined; });
  }
  Object.keys(sources).forEach(function (source) {
    if (sources[source].some(function (panel) { return panel.hasAttribute('data-live-pending'); })) refresh(source);
  });
  window.setInterval(function () { Object.keys(sources).forEach(refresh); }, every);
})();
`;

export const consoleAssetFiles = {
  css: staffAsset(consoleAssetPrefix, 'console', 'css', css),
  js: staffAsset(consoleAssetPrefix, 'console', 'js', js),
} as const;

export const consoleAssets = [consoleAssetFiles.css, consoleAssetFiles.js] as const;
