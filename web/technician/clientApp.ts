import type { WorkTypeChecklist } from '../../shared/fieldwork/checklists';

/** The technician API the phone calls, in one place so the service worker and the app agree. */
export const technicianApiPaths = {
  day: '/api/technicians/{technicianId}/schedule',
  workOrder: '/api/technician/work-orders/{workOrderId}',
  additions: '/api/tech/work-orders/{workOrderId}/customer-additions',
} as const;

/** Longest side of a photo after the phone resizes it: sharp enough for evidence, ~200–400 KB as JPEG. */
export const photoMaxSide = 1600;

/*
 * The app's behaviour on the phone: reading the day, the offline queue in IndexedDB and its replay,
 * camera photos resized on a canvas, the signature pad, and confirmations. Markup comes only from
 * the pure views (clientViews.ts). Every action is written to the queue first and sent from there,
 * online or not, so there is one path for both and nothing typed exists only in memory.
 */
export const appScript = (checklists: Readonly<Record<string, WorkTypeChecklist>>): string =>
  String.raw`(function () {
  'use strict';
  var views = self.fieldlineTechViews;
  var checklists = ${JSON.stringify(checklists)};
  var photoMaxSide = ${photoMaxSide};
  var appRoot = document.getElementById('app');
  if (!appRoot || !views) return;
  var technicianId = appRoot.getAttribute('data-technician') || '';
  var csrf = (document.querySelector('meta[name="csrf-token"]') || { getAttribute: function () { return ''; } }).getAttribute('content');
  var paths = ${JSON.stringify(technicianApiPaths)};
  function pathFor(template, id) { return template.replace(/\{\w+\}/, encodeURIComponent(id)); }

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/api/tech/sw.js', { scope: '/api/tech/' }).catch(function () { return undefined; });
  }

  // ---- IndexedDB: the queue, the photos it carries, and the last copy of what was read. ----
  var dbReady = new Promise(function (resolve, reject) {
    var open = indexedDB.open('fieldline-tech-' + technicianId, 1);
    open.onupgradeneeded = function () {
      var db = open.result;
      db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
      db.createObjectStore('photos', { keyPath: 'id' });
      db.createObjectStore('snapshots', { keyPath: 'key' });
    };
    open.onsuccess = function () { resolve(open.result); };
    open.onerror = function () { reject(open.error); };
  });
  function tx(store, mode, work) {
    return dbReady.then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(store, mode);
        var result;
        var request = work(t.objectStore(store));
        if (request) request.onsuccess = function () { result = request.result; };
        t.oncomplete = function () { resolve(result); };
        t.onerror = function () { reject(t.error); };
        t.onabort = function () { reject(t.error); };
      });
    });
  }
  var db = {
    all: function (store) { return tx(store, 'readonly', function (s) { return s.getAll(); }); },
    get: function (store, key) { return tx(store, 'readonly', function (s) { return s.get(key); }); },
    put: function (store, value) { return tx(store, 'readwrite', function (s) { return s.put(value); }); },
    del: function (store, key) { return tx(store, 'readwrite', function (s) { return s.delete(key); }); }
  };

  // ---- State ----
  var state = { day: undefined, fromCache: false, workOrders: {}, additions: {}, queue: [], drafts: {}, notice: '' };
  /**
   * Offline is what the phone's own requests say as much as what the browser claims: navigator.onLine
   * stays true on a dead mobile network or a captive portal, so a request that gets no answer at all
   * marks the app offline until one gets an answer again.
   */
  var answered = true;
  function online() { return navigator.onLine && answered; }
  function network(request) {
    return request.then(function (res) {
      if (!answered) { answered = true; refreshSyncLine(); }
      return res;
    }, function (error) {
      if (answered) { answered = false; refreshSyncLine(); }
      throw error;
    });
  }
  function sync() {
    return { online: online(), pending: state.queue.filter(function (i) { return i.state === 'pending'; }).length };
  }
  function uuid() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'u' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function getJson(url) {
    return network(fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    });
  }
  function postJson(url, body) {
    return network(fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body)
    })).then(function (res) {
      return res.json().catch(function () { return undefined; }).then(function (json) { return { status: res.status, body: json }; });
    });
  }

  /** Reads fresh when it can and keeps a copy; answers from the copy when offline. */
  function readThrough(key, url) {
    return getJson(url).then(function (value) {
      return db.put('snapshots', { key: key, value: value }).then(function () { return { value: value, fromCache: false }; });
    }).catch(function () {
      return db.get('snapshots', key).then(function (saved) { return saved ? { value: saved.value, fromCache: true } : undefined; });
    });
  }

  function loadQueue() {
    return db.all('queue').then(function (items) { state.queue = items.sort(function (a, b) { return a.seq - b.seq; }); });
  }

  /** Photos taken for a report not yet sent come back after a reload or a closed app. */
  function restoreDrafts() {
    return db.all('photos').then(function (photos) {
      var used = {};
      state.queue.forEach(function (item) {
        item.photos.concat(item.signature ? [item.signature] : []).forEach(function (p) { used[p.id] = true; });
      });
      photos.forEach(function (photo) {
        if (used[photo.id] || !photo.takenAt) return;
        var draft = state.drafts[photo.workOrderId] || (state.drafts[photo.workOrderId] = { photos: [] });
        draft.photos.push({ id: photo.id, takenAt: photo.takenAt, preview: URL.createObjectURL(photo.blob) });
      });
    });
  }

  function loadDay() {
    return readThrough('day', pathFor(paths.day, technicianId)).then(function (read) {
      if (!read) return;
      state.day = read.value;
      state.fromCache = read.fromCache;
      // Online this fetches (and keeps) what each visit needs offline; offline it reads those copies.
      return Promise.all(views.route(state.day).map(function (stop) {
        return Promise.all([loadWorkOrder(stop.workOrderId), loadAdditions(stop.workOrderId)]);
      }));
    });
  }
  function loadWorkOrder(id) {
    return readThrough('wo:' + id, pathFor(paths.workOrder, id)).then(function (read) { if (read) state.workOrders[id] = read.value; });
  }
  function loadAdditions(id) {
    return readThrough('add:' + id, pathFor(paths.additions, id)).then(function (read) { if (read) state.additions[id] = read.value; });
  }

  // ---- Rendering ----
  function currentWorkOrderId() {
    var match = /^#\/work-orders\/(.+)$/.exec(location.hash);
    return match ? decodeURIComponent(match[1]) : undefined;
  }
  function stopFor(id) {
    return views.route(state.day).filter(function (s) { return s.workOrderId === id; })[0];
  }
  function render(focusHeading) {
    appRoot.innerHTML = (state.notice ? '<p class="notice" role="status">' + views.esc(state.notice) + '</p>' : '') + markupNow();
    state.notice = '';
    setUpSignature();
    if (focusHeading) {
      var heading = appRoot.querySelector('h1');
      if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
    }
  }
  /**
   * After a sync: a form the technician is filling in is never redrawn (what they typed stays);
   * only the sync line and the status change in place, unless the visit can no longer take it.
   */
  function softRender() {
    var form = appRoot.querySelector('#complete-form, #incomplete-form');
    if (!form) { render(false); return; }
    var holder = document.createElement('div');
    holder.innerHTML = markupNow();
    if (!holder.querySelector('#' + form.id)) { render(false); return; }
    ['.sync', '#wo-status'].forEach(function (selector) {
      var now = appRoot.querySelector(selector);
      var fresh = holder.querySelector(selector);
      if (now && fresh) now.innerHTML = fresh.innerHTML;
      if (now && fresh) now.className = fresh.className;
    });
  }
  function markupNow() {
    var id = currentWorkOrderId();
    var markup;
    if (id === undefined) {
      markup = state.day ? views.dayView({ day: state.day, queue: state.queue, sync: sync(), fromCache: state.fromCache })
        : '<h1>Today’s route</h1><p>' + (online() ? 'Loading your day…' : 'Offline, and this phone has no copy of your day yet.') + '</p>';
    } else {
      var stop = stopFor(id);
      markup = views.workOrderView({
        workOrder: state.workOrders[id] || (stop && stop.workOrder), stop: stop, additions: state.additions[id],
        queue: state.queue, sync: sync(), checklists: checklists, draft: state.drafts[id]
      });
    }
    return markup;
  }
  function refreshSyncLine() {
    var line = appRoot.querySelector('.sync');
    if (!line) return;
    var holder = document.createElement('div');
    holder.innerHTML = views.syncLine(sync());
    var fresh = holder.querySelector('.sync');
    if (fresh) { line.className = fresh.className; line.textContent = fresh.textContent; }
  }

  // ---- Confirmation: a real dialog, focus trapped by the browser, Escape cancels. ----
  function confirmStep(title, text, action) {
    var dialog = document.getElementById('confirm');
    if (!dialog || typeof dialog.showModal !== 'function') return Promise.resolve(window.confirm(title + '\n' + text));
    dialog.querySelector('#confirm-title').textContent = title;
    dialog.querySelector('#confirm-text').textContent = text;
    dialog.querySelector('#confirm-ok').textContent = action;
    dialog.returnValue = 'cancel';
    dialog.showModal();
    return new Promise(function (resolve) {
      dialog.addEventListener('close', function () { resolve(dialog.returnValue === 'ok'); }, { once: true });
    });
  }

  // ---- The queue ----
  function enqueue(item) {
    item.state = 'pending';
    item.createdAt = new Date().toISOString();
    return db.put('queue', item).then(loadQueue).then(function () { replay(); });
  }
  function statusItem(workOrderId, update, extra) {
    var body = Object.assign({ updateId: uuid(), clientTimestamp: new Date().toISOString() }, update);
    return Object.assign({ kind: 'status', workOrderId: workOrderId, body: body, photos: [], uploads: {} }, extra || {});
  }

  function uploadOne(item, local, purpose) {
    if (item.uploads[local.id]) return Promise.resolve({ kind: 'done' });
    return db.get('photos', local.id).then(function (stored) {
      if (!stored) return { kind: 'conflict', message: 'A photo of this report is missing on this phone.' };
      return postJson(pathFor(paths.workOrder, item.workOrderId) + '/photo-uploads', { contentType: stored.blob.type, purpose: purpose })
        .then(function (ticket) {
          if (ticket.status !== 201) return views.outcomeOf(ticket.status, ticket.body);
          return fetch(ticket.body.uploadUrl, { method: 'PUT', headers: ticket.body.headers, body: stored.blob }).then(function (put) {
            if (!put.ok) return { kind: 'retry', message: 'photo upload answered ' + put.status };
            item.uploads[local.id] = ticket.body.reference;
            return db.put('queue', item).then(function () { return { kind: 'done' }; });
          });
        });
    });
  }

  function sendStatus(item) {
    var locals = item.photos.map(function (p) { return { local: p, purpose: 'photo' }; });
    if (item.signature) locals.push({ local: item.signature, purpose: 'signature' });
    var chain = Promise.resolve({ kind: 'done' });
    locals.forEach(function (entry) {
      chain = chain.then(function (previous) { return previous.kind === 'done' ? uploadOne(item, entry.local, entry.purpose) : previous; });
    });
    return chain.then(function (uploaded) {
      if (uploaded.kind !== 'done') return uploaded;
      var body = JSON.parse(JSON.stringify(item.body));
      if (body.status === 'completed') {
        body.report.photos = item.photos.map(function (p) { return { reference: item.uploads[p.id], takenAt: p.takenAt }; });
        if (item.signature) body.report.signature = { reference: item.uploads[item.signature.id], signedAt: item.signature.signedAt };
      }
      return postJson(pathFor(paths.workOrder, item.workOrderId) + '/status', body).then(function (res) { return views.outcomeOf(res.status, res.body); });
    });
  }
  function send(item) {
    var sent = item.kind === 'case'
      ? postJson(pathFor(paths.workOrder, item.workOrderId) + '/cases', item.body).then(function (res) { return views.outcomeOf(res.status, res.body); })
      : sendStatus(item);
    return sent.catch(function () { return { kind: 'retry', message: 'offline' }; });
  }
  /** A refusal says why in the technician's terms: a cancellation is told as one, whatever refused first. */
  function explain(item, outcome) {
    if (outcome.kind !== 'conflict') return Promise.resolve(outcome);
    return getJson(pathFor(paths.workOrder, item.workOrderId)).then(function (wo) {
      state.workOrders[item.workOrderId] = wo;
      return wo.state.status === 'Cancelled' ? views.outcomeOf(409, { errors: [{ path: '', message: 'cancelled' }] }) : outcome;
    }).catch(function () { return outcome; });
  }

  /**
   * The work order as the server last answered for it. A technician may no longer read a work order
   * once it is closed or cancelled, so the phone's copy takes the status the answer gave.
   */
  function settle(workOrderId, status) {
    var stop = stopFor(workOrderId);
    var known = state.workOrders[workOrderId] || (stop && stop.workOrder);
    if (!status || !known) return Promise.resolve();
    var settled = Object.assign({}, known, { state: Object.assign({}, known.state, { status: status }) });
    state.workOrders[workOrderId] = settled;
    return db.put('snapshots', { key: 'wo:' + workOrderId, value: settled });
  }

  var replaying = false;
  var again = false;
  /** Sends what waits, oldest first, one at a time: the server orders a visit's updates by progress, and sees them in the order tapped. */
  function replay() {
    if (replaying) { again = true; return Promise.resolve(); }
    replaying = true;
    var changed = false;
    var blocked = {};
    var stop = false;
    return loadQueue().then(function () {
      var chain = Promise.resolve();
      state.queue.filter(function (i) { return i.state === 'pending'; }).forEach(function (item) {
        chain = chain.then(function () {
          if (stop) return;
          if (blocked[item.workOrderId]) {
            item.state = 'conflict';
            item.message = 'Not sent: an earlier update for this visit was not accepted.';
            changed = true;
            return db.put('queue', item);
          }
          return send(item).then(function (outcome) { return explain(item, outcome); }).then(function (outcome) {
            switch (outcome.kind) {
              case 'done':
                changed = true;
                return db.del('queue', item.seq).then(function () {
                  return item.kind === 'status' ? settle(item.workOrderId, outcome.status) : undefined;
                }).then(function () {
                  return Promise.all(item.photos.concat(item.signature ? [item.signature] : []).map(function (p) { return db.del('photos', p.id); }));
                });
              case 'conflict':
                changed = true;
                blocked[item.workOrderId] = true;
                item.state = 'conflict';
                item.message = outcome.message;
                return db.put('queue', item).then(function () { return settle(item.workOrderId, outcome.status); });
              case 'signIn':
                state.notice = outcome.message;
                stop = true;
                return undefined;
              default:
                stop = true;
                return undefined;
            }
          });
        });
      });
      return chain;
    }).then(loadQueue).then(function () {
      if (!changed) { refreshSyncLine(); return; }
      var id = currentWorkOrderId();
      var refresh = online() ? (id ? loadWorkOrder(id) : loadDay()) : Promise.resolve();
      return refresh.then(softRender);
    }).catch(function () { return undefined; }).then(function () {
      replaying = false;
      if (again) { again = false; return replay(); }
      return undefined;
    });
  }

  // ---- Photos: resized on a canvas before they are kept, so an upload is small on a weak network. ----
  function resized(file) {
    if (typeof createImageBitmap !== 'function') return Promise.resolve(file);
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, photoMaxSide / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) { canvas.toBlob(function (blob) { resolve(blob || file); }, 'image/jpeg', 0.82); });
    }).catch(function () { return file; });
  }
  function addPhotos(workOrderId, files) {
    var draft = state.drafts[workOrderId] || (state.drafts[workOrderId] = { photos: [] });
    var chain = Promise.resolve();
    Array.prototype.forEach.call(files, function (file) {
      chain = chain.then(function () { return resized(file); }).then(function (blob) {
        if (['image/jpeg', 'image/png', 'image/heic'].indexOf(blob.type) < 0) { state.notice = 'That file is not a photo this app can send.'; return undefined; }
        var photo = { id: uuid(), workOrderId: workOrderId, blob: blob, takenAt: new Date().toISOString() };
        return db.put('photos', photo).then(function () {
          draft.photos.push({ id: photo.id, takenAt: photo.takenAt, preview: URL.createObjectURL(blob) });
        });
      });
    });
    return chain.then(function () { refreshPhotos(workOrderId); });
  }
  /** Only the photo list is redrawn: the rest of the form keeps what was typed. */
  function refreshPhotos(workOrderId) {
    var list = appRoot.querySelector('ul.photos');
    if (!list) return;
    var holder = document.createElement('div');
    var stop = stopFor(workOrderId);
    holder.innerHTML = views.workOrderView({
      workOrder: state.workOrders[workOrderId] || (stop && stop.workOrder), stop: stop, queue: state.queue,
      checklists: checklists, draft: state.drafts[workOrderId], additions: state.additions[workOrderId]
    });
    var fresh = holder.querySelector('ul.photos');
    if (fresh) list.innerHTML = fresh.innerHTML;
  }

  // ---- Signature pad ----
  var signed = false;
  function setUpSignature() {
    var canvas = document.getElementById('signature');
    signed = false;
    if (!canvas) return;
    var ctx = canvas.getContext('2d');
    ctx.lineWidth = 3; ctx.lineCap = 'round'; ctx.strokeStyle = '#1b1f24';
    var drawing = false;
    function at(event) {
      var box = canvas.getBoundingClientRect();
      return { x: (event.clientX - box.left) * canvas.width / box.width, y: (event.clientY - box.top) * canvas.height / box.height };
    }
    canvas.addEventListener('pointerdown', function (event) {
      drawing = true; canvas.setPointerCapture(event.pointerId);
      var p = at(event); ctx.beginPath(); ctx.moveTo(p.x, p.y);
    });
    canvas.addEventListener('pointermove', function (event) {
      if (!drawing) return;
      var p = at(event); ctx.lineTo(p.x, p.y); ctx.stroke(); signed = true;
    });
    canvas.addEventListener('pointerup', function () { drawing = false; });
  }
  function signatureBlob() {
    var canvas = document.getElementById('signature');
    if (!canvas || !signed) return Promise.resolve(undefined);
    return new Promise(function (resolve) { canvas.toBlob(function (blob) { resolve(blob || undefined); }, 'image/png'); });
  }

  // ---- What the technician does ----
  function formValues(form) {
    var ticked = Array.prototype.map.call(form.querySelectorAll('input[name="checklist"]:checked'), function (i) { return i.value; });
    var measurements = [];
    form.querySelectorAll('input[id^="measure-"]').forEach(function (input) { measurements[Number(input.id.slice(8))] = input.value; });
    return { ticked: ticked, measurements: measurements, notes: form.querySelector('#notes').value };
  }
  function showProblems(id, problems) {
    var box = document.getElementById(id);
    box.innerHTML = views.problemsView(problems);
    var first = box.querySelector('a');
    if (first) first.focus();
  }

  function complete(workOrderId, form) {
    var wo = state.workOrders[workOrderId] || stopFor(workOrderId).workOrder;
    var built = views.completionReport(views.checklistFor(checklists, wo.workType), formValues(form));
    if (built.problems.length > 0) { showProblems('complete-problems', built.problems); return Promise.resolve(); }
    var draft = state.drafts[workOrderId] || { photos: [] };
    return confirmStep('Complete this visit?', 'The report with ' + draft.photos.length + ' photo(s) goes to the utility and cannot be changed afterwards.', 'Complete visit')
      .then(function (yes) {
        if (!yes) return undefined;
        return signatureBlob().then(function (blob) {
          var signedAt = new Date().toISOString();
          var signature = blob ? { id: uuid(), signedAt: signedAt } : undefined;
          var saved = signature ? db.put('photos', { id: signature.id, workOrderId: workOrderId, blob: blob }) : Promise.resolve();
          return saved.then(function () {
            var item = statusItem(workOrderId, { status: 'completed', report: built.report }, {
              photos: draft.photos.map(function (p) { return { id: p.id, takenAt: p.takenAt }; })
            });
            if (signature) item.signature = signature;
            delete state.drafts[workOrderId];
            state.notice = 'Visit completed. The report is sent as soon as there is a network.';
            return enqueue(item).then(function () { render(true); });
          });
        });
      });
  }

  function incomplete(workOrderId, form) {
    var reason = form.querySelector('input[name="reason"]:checked');
    if (!reason) { showProblems('incomplete-problems', [{ field: 'reason-0', message: 'Choose why the visit could not be finished' }]); return Promise.resolve(); }
    var update = views.incompleteUpdate(reason.value, form.querySelector('#incomplete-note').value);
    return confirmStep('End this visit as not finished?', 'The customer and the utility are told; this cannot be undone.', 'End visit')
      .then(function (yes) {
        if (!yes) return undefined;
        state.notice = 'Visit ended as not finished.';
        return enqueue(statusItem(workOrderId, update)).then(function () { render(true); });
      });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var id = currentWorkOrderId();
    if (!(form instanceof HTMLFormElement) || !id || !appRoot.contains(form)) return;
    event.preventDefault();
    switch (form.id) {
      case 'enroute-form': {
        var minutes = Math.min(600, Math.max(1, Number(form.querySelector('#eta-minutes').value) || 20));
        var eta = new Date(Date.now() + minutes * 60000).toISOString();
        state.notice = 'On your way: the customer is told when you arrive.';
        enqueue(statusItem(id, { status: 'enRoute', eta: eta })).then(function () { render(true); });
        return;
      }
      case 'complete-form': complete(id, form); return;
      case 'incomplete-form': incomplete(id, form); return;
      case 'case-form': {
        var title = form.querySelector('#case-title').value.trim();
        if (!title) { form.querySelector('#case-title').focus(); return; }
        var description = form.querySelector('#case-description').value.trim();
        var body = { requestId: uuid(), title: title };
        if (description) body.description = description;
        // A report being filled in below stays as it is: only this form is cleared.
        enqueue({ kind: 'case', workOrderId: id, body: body, photos: [], uploads: {} }).then(function () {
          form.reset();
          form.querySelector('#case-status').textContent = 'Case "' + title + '" raised: it reaches the service desk as soon as there is a network.';
          softRender();
        });
        return;
      }
      default: return;
    }
  });

  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('button') : null;
    if (!target || !appRoot.contains(target)) return;
    var id = currentWorkOrderId();
    if (target.id === 'on-site' && id) {
      state.notice = 'Arrived on site.';
      enqueue(statusItem(id, { status: 'onSite' })).then(function () { render(true); });
    } else if (target.id === 'clear-signature') {
      var canvas = document.getElementById('signature');
      canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
      signed = false;
    } else if (target.hasAttribute('data-remove-photo') && id) {
      var photoId = target.getAttribute('data-remove-photo');
      var draft = state.drafts[id];
      if (draft) draft.photos = draft.photos.filter(function (p) { return p.id !== photoId; });
      db.del('photos', photoId).then(function () { refreshPhotos(id); });
    } else if (target.hasAttribute('data-discard')) {
      var seq = Number(target.getAttribute('data-discard'));
      confirmStep('Remove this from the phone?', 'What you entered for it will be gone for good.', 'Remove').then(function (yes) {
        if (!yes) return undefined;
        var item = state.queue.filter(function (i) { return i.seq === seq; })[0];
        var photos = item ? item.photos.concat(item.signature ? [item.signature] : []) : [];
        return Promise.all(photos.map(function (p) { return db.del('photos', p.id); }))
          .then(function () { return db.del('queue', seq); }).then(loadQueue).then(function () { render(true); });
      });
    }
  });

  document.addEventListener('change', function (event) {
    var input = event.target;
    var id = currentWorkOrderId();
    if (input && input.id === 'photo-input' && id && input.files && input.files.length > 0) {
      addPhotos(id, input.files).then(function () { input.value = ''; });
    }
  });

  window.addEventListener('hashchange', function () {
    var id = currentWorkOrderId();
    render(true);
    if (id && online()) Promise.all([loadWorkOrder(id), loadAdditions(id)]).then(function () {
      if (currentWorkOrderId() === id) softRender();
    });
  });
  window.addEventListener('online', function () { answered = true; refreshSyncLine(); replay(); });
  window.addEventListener('offline', refreshSyncLine);
  setInterval(function () { if (navigator.onLine) replay(); }, 15000);

  /** A link straight to a work order (not necessarily on today's route) opens it too. */
  function loadOpened() {
    var id = currentWorkOrderId();
    if (id === undefined || state.workOrders[id]) return Promise.resolve();
    return Promise.all([loadWorkOrder(id), loadAdditions(id)]);
  }

  loadQueue().then(restoreDrafts).then(loadDay).then(loadOpened).then(function () { render(false); return replay(); }).catch(function () { render(false); });
})();
`;
