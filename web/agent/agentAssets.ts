import { staffAsset } from '../staff/staffAsset';

export const agentAssetPrefix = '/api/agent/assets';

const css = `
.table-wrap{position:relative}
.sla .due{display:block;color:#4a5563}
.sla .badge{margin-right:.25rem}
.columns{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:1rem}
@media (max-width:60rem){.columns{grid-template-columns:1fr}}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.stack{display:flex;flex-direction:column;gap:.5rem;max-width:40rem}
.stack div{display:flex;flex-direction:column;gap:.125rem}
.stack textarea{min-height:5rem}
.stack button{align-self:flex-start}
.stack div.choice,fieldset .choice{flex-direction:row;align-items:center;gap:.5rem}
.choice input{min-height:0;width:1.125rem;height:1.125rem;margin:0}
fieldset{border:1px solid #d0d5dc;border-radius:.25rem;padding:.5rem .75rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
ol.timeline{list-style:none;margin:0;padding:0}
ol.timeline li{border-left:3px solid #d0d5dc;padding:.25rem 0 .5rem .75rem;margin-left:.25rem}
ol.timeline li.sla{border-color:#8a1c1c}
.muted{color:#4a5563}
.results li{margin:.25rem 0}
`;

/*
 * The queue refreshes itself: every few seconds, while the tab is visible, the same URL is fetched
 * and its results replace the ones shown, focus kept on the link it was on. Without the script the
 * page is the same, a reload away from fresh.
 */
const js = `(function () {
  'use strict';
  var region = document.getElementById('queue-results');
  if (!region) return;
  var url = region.getAttribute('data-refresh-url');
  var seconds = Number(region.getAttribute('data-refresh-seconds')) || 30;
  var status = document.getElementById('queue-refresh');
  var attention = function (root) { return root.querySelectorAll('.badge.warn, .badge.breach').length; };
  var refresh = function () {
    if (document.hidden) return;
    fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (text) {
        if (text === null) return;
        var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById('queue-results');
        if (!fresh) return;
        var before = attention(region);
        var focused = document.activeElement;
        var href = focused && region.contains(focused) ? focused.getAttribute('href') : null;
        region.innerHTML = fresh.innerHTML;
        if (href) {
          var again = region.querySelector('a[href="' + href + '"]');
          if (again) again.focus();
        }
        var after = attention(region);
        if (status && after !== before) status.textContent = 'Queue updated: ' + after + ' SLA warnings or breaches.';
      })
      .catch(function () {});
  };
  window.setInterval(refresh, seconds * 1000);
})();
`;

export const agentAssets = [
  staffAsset(agentAssetPrefix, 'agent', 'css', css),
  staffAsset(agentAssetPrefix, 'agent', 'js', js),
] as const;
