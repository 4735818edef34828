import { staffAsset } from './staffAsset';

/*
 * What every staff screen shares: a desk-first layout that still reads on a tablet, WCAG AA
 * contrast, visible focus, and a script that only enhances (forms work without it).
 */
const css = `
*{box-sizing:border-box}
body{margin:0;font:0.9375rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f5f7}
a{color:#0b57d0}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.5rem;color:#0b3a82;z-index:10}
header.bar{background:#14365d;color:#fff;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1.25rem;padding:.5rem 1rem}
header.bar a{color:#fff}
header.bar a:focus-visible{outline:3px solid #ffdd00;outline-offset:2px}
header.bar .brand{font-weight:700;margin:0}
header.bar nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
header.bar nav a[aria-current]{font-weight:700;text-decoration:underline;text-underline-offset:.25em}
header.bar .who{margin-left:auto;display:flex;gap:.75rem;align-items:center}
main{max-width:90rem;margin:0 auto;padding:1rem}
h1{font-size:1.375rem;margin:.25rem 0 .75rem}
h2{font-size:1.125rem;margin:1rem 0 .5rem}
section,.card{background:#fff;border:1px solid #d0d5dc;border-radius:.375rem;padding:.75rem 1rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.375rem .5rem;border-bottom:1px solid #e1e4e8;vertical-align:top}
th{background:#eef0f3;font-weight:600}
.table-wrap{overflow-x:auto}
form.inline{display:inline}
label{font-weight:600}
input,select,textarea{font:inherit;padding:.375rem .5rem;border:1px solid #7a8594;border-radius:.25rem;background:#fff;color:#1b1f24;min-height:2.25rem}
button,.button{font:inherit;font-weight:600;padding:.375rem .875rem;min-height:2.25rem;border-radius:.25rem;border:1px solid #14365d;background:#14365d;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:#14365d}
button.danger{background:#a4262c;border-color:#a4262c}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:0 0 1rem}
.filters div{display:flex;flex-direction:column;gap:.125rem}
.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:.8125rem;font-weight:600;background:#e8eaed;color:#1b1f24}
.badge.warn{background:#fff4ce;color:#5c4400}
.badge.breach{background:#fde7e9;color:#8a1c1c}
.badge.ok{background:#dff6dd;color:#0e4b0e}
.notice{border-left:4px solid #0b57d0;background:#eef4ff;padding:.5rem .75rem;margin:0 0 1rem}
.notice.error{border-color:#a4262c;background:#fde7e9}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
@media (max-width:60rem){main{padding:.75rem}header.bar .who{margin-left:0}}
`;

/*
 * Progressive enhancement for every staff page: a confirmation before any form marked
 * `data-confirm` is sent, and the CSRF token on script-made requests (forms carry it as a field).
 */
const js = `(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.getAttribute('content') : '';
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });
  window.fieldlineStaff = {
    csrfToken: token,
    post: function (url, body) {
      return fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify(body)
      });
    }
  };
})();
`;

const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#14365d"/><path d="M9 8h14v4H14v3h8v4h-8v5H9z" fill="#ffdd00"/></svg>`;

export const staffAssetPrefix = '/api/staff/assets';

export const sharedStaffAssets = {
  css: staffAsset(staffAssetPrefix, 'staff', 'css', css),
  js: staffAsset(staffAssetPrefix, 'staff', 'js', js),
  favicon: staffAsset(staffAssetPrefix, 'favicon', 'svg', favicon),
} as const;
