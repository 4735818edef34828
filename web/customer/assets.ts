import { createHash } from 'node:crypto';

/*
 * The customer pages' only assets, served by functions/selfService/assets under a name carrying
 * their content hash, so a browser caches them for a year and a change is a new URL. External
 * files keep the Content-Security-Policy strict: no inline script or style is ever allowed.
 *
 * Mobile first: one column, large touch targets, system fonts. Colours keep WCAG AA contrast; the
 * header's focus ring is yellow on navy (12:1) where the page's blue ring would be 1.9:1.
 */
const css = `
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
a{color:#0b57d0}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.slot:focus-within{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;color:#0b3a82}
header{background:#14365d;color:#fff;padding:.625rem 1rem;display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem .75rem}
header p{margin:0;font-weight:700}
header a{color:#fff}
header a:focus-visible{outline:3px solid #ffdd00;outline-offset:2px}
nav.lang a{margin-left:.625rem;font-size:.9375rem}
nav.lang a[aria-current]{font-weight:700;text-decoration:none}
main{max-width:40rem;margin:0 auto;padding:.75rem 1rem 2rem}
section{background:#fff;border:1px solid #d0d5dc;border-radius:.5rem;padding:.875rem 1rem;margin:0 0 .875rem}
h1{font-size:1.375rem;margin:.25rem 0 .75rem}
h2{font-size:1.125rem;margin:0 0 .5rem}
p{margin:.25rem 0 .625rem}
fieldset{border:0;margin:0 0 .75rem;padding:0;min-width:0}
legend{font-weight:600;margin-bottom:.25rem;padding:0}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.days{display:flex;gap:.375rem;overflow-x:auto;list-style:none;margin:.5rem 0;padding:.125rem}
.days li{flex:1 1 0;min-width:3.25rem;display:flex}
.days a{display:block;flex:1;min-height:3rem;padding:.375rem .25rem;border:1px solid #8a94a3;border-radius:.5rem;text-align:center;text-decoration:none;color:#1b1f24;background:#fff;line-height:1.2;font-size:.9375rem}
.days a[aria-current]{background:#14365d;border-color:#14365d;color:#fff;font-weight:700}
.days a span{display:block}
.times{display:grid;grid-template-columns:1fr 1fr;gap:.375rem}
.slot{display:flex;align-items:center;gap:.5rem;min-height:3rem;padding:.375rem .625rem;border:1px solid #8a94a3;border-radius:.5rem;background:#fff;font-weight:400;margin:0}
.slot input{width:1.25rem;height:1.25rem;margin:0}
.first{margin:.25rem 0 .5rem}
.day-times[hidden]{display:none}
button,.button{display:inline-block;min-height:3rem;padding:.75rem 1.25rem;border:0;border-radius:.5rem;background:#0b57d0;color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.secondary{background:#e8ebef;color:#1b1f24}
.danger{background:#b3261e}
.link-button{background:none;color:#0b57d0;text-decoration:underline;padding:.5rem 0;min-height:2.75rem;font-weight:400}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.notice{border-left:.375rem solid #1e7d32;background:#edf7ee}
.problem{border-left:.375rem solid #b3261e;background:#fdeceb}
.field-error{color:#b3261e;font-weight:600;margin:.25rem 0}
.has-error textarea,.has-error input[type=file]{border:2px solid #b3261e}
label{display:block;font-weight:600;margin-bottom:.25rem}
.help{font-size:.9375rem;color:#4a5461;margin:.125rem 0 .375rem}
textarea,input[type=file],select{width:100%;font:inherit;padding:.5rem;border:1px solid #8a94a3;border-radius:.375rem;background:#fff}
dl{margin:0}dt{font-weight:600}dd{margin:0 0 .5rem}
.steps{list-style:none;padding:0;margin:0}
.steps li{padding:.375rem 0 .375rem 2rem;position:relative}
.steps li::before{content:"";position:absolute;left:.25rem;top:.7rem;width:1rem;height:1rem;border-radius:50%;border:2px solid #4a5461;background:#fff}
.steps li.done::before{background:#1e7d32;border-color:#1e7d32}
.steps li.current{font-weight:700}
.steps li.current::before{border-color:#0b57d0;background:#0b57d0}
`;

/**
 * Progressive enhancement only: every page works without it. It checks a file's size and type
 * before any byte is sent, uploads straight to storage, switches the slot picker's day without a
 * reload, and keeps the chosen time in "more days".
 */
const js = `(function () {
  'use strict';
  var limit = 10 * 1024 * 1024;
  var types = ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'application/pdf'];
  function showError(form, message) {
    var field = form.querySelector('.field');
    var error = form.querySelector('.field-error');
    if (!error) {
      error = document.createElement('p');
      error.className = 'field-error';
      error.id = 'file-error';
      var input = form.querySelector('input[type=file]');
      input.parentNode.insertBefore(error, input);
      input.setAttribute('aria-describedby', 'file-error file-help');
      input.setAttribute('aria-invalid', 'true');
    }
    error.textContent = message;
    if (field) field.classList.add('has-error');
    form.querySelector('input[type=file]').focus();
  }
  document.querySelectorAll('form[data-direct-upload]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      var input = form.querySelector('input[type=file]');
      var file = input && input.files && input.files[0];
      if (!file) return;
      if (file.size > limit) { event.preventDefault(); showError(form, form.dataset.tooLarge); return; }
      var type = file.type || (/\\.hei[cf]$/i.test(file.name) ? 'image/heic' : '');
      if (types.indexOf(type) < 0) { event.preventDefault(); showError(form, form.dataset.wrongType); return; }
      if (!window.fetch) return;
      event.preventDefault();
      fetch(form.dataset.directUpload, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fileName: file.name, contentType: type, size: file.size }) })
        .then(function (ticket) {
          if (!ticket.ok) throw new Error('ticket');
          return ticket.json();
        })
        .then(function (upload) {
          return fetch(upload.uploadUrl, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': type }, body: file })
            .then(function (put) {
              if (!put.ok) throw new Error('put');
              return fetch(form.dataset.directUploadDone, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ blobName: upload.blobName }) });
            });
        })
        .then(function (done) {
          if (done.ok) { window.location.assign(form.dataset.afterUpload); return; }
          return done.json().then(function (body) {
            showError(form, body && body.tooLarge ? form.dataset.tooLarge : form.dataset.wrongType);
          });
        })
        .catch(function () { form.submit(); });
    });
  });
  document.querySelectorAll('[data-slot-picker]').forEach(function (picker) {
    var more = picker.querySelector('[data-more]');
    picker.querySelectorAll('.days a[data-day]').forEach(function (link) {
      link.addEventListener('click', function (event) {
        event.preventDefault();
        var day = link.dataset.day;
        picker.querySelectorAll('.days a[data-day]').forEach(function (other) {
          if (other === link) other.setAttribute('aria-current', 'date'); else other.removeAttribute('aria-current');
        });
        picker.querySelectorAll('.day-times').forEach(function (group) { group.hidden = group.dataset.day !== day; });
        if (more) more.value = day;
        if (window.history && history.replaceState) history.replaceState(null, '', link.href);
      });
    });
  });
})();
`;

const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#14365d"/><path d="M9 8h14v4H14v3h8v4h-8v5H9z" fill="#ffdd00"/></svg>`;

export interface Asset {
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

const hashed = (name: string, extension: string, contentType: string, body: string): Asset => ({
  path: `/api/assets/${name}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${extension}`,
  contentType,
  body,
});

export const customerAssets = {
  css: hashed('customer', 'css', 'text/css; charset=utf-8', css),
  js: hashed('customer', 'js', 'text/javascript; charset=utf-8', js),
  favicon: hashed('favicon', 'svg', 'image/svg+xml', favicon),
} as const;
