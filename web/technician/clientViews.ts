/*
 * The technician app's views, as the script the phone runs. They are pure: data in, markup out,
 * no DOM, no storage, no clock (the caller passes "now"), so test/technicianApp evaluates this very
 * text in Node and checks what it renders. Written as ES2020 without template literals because it
 * ships as-is: there is no bundler between this file and the phone, and the Content-Security-Policy
 * allows only the app's own files, so the markup is built here rather than by a framework.
 */
export const viewsScript = String.raw`(function (root) {
  'use strict';
  var entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function esc(value) {
    if (value === undefined || value === null) return '';
    return String(value).replace(/[&<>"']/g, function (c) { return entities[c]; });
  }

  var workTypeLabels = {
    installation: 'Installation', repair: 'Repair', inspection: 'Inspection', maintenance: 'Maintenance',
    meterExchange: 'Meter exchange', disconnection: 'Disconnection', reconnection: 'Reconnection'
  };
  var statusLabels = {
    Dispatched: 'Planned', EnRoute: 'On the way', OnSite: 'On site', Completed: 'Completed',
    Incomplete: 'Not finished', Closed: 'Closed', Cancelled: 'Cancelled', Scheduled: 'Booked',
    OnHold: 'On hold', Received: 'Received', AwaitingCustomer: 'Awaiting customer'
  };
  var updateStatus = { enRoute: 'EnRoute', onSite: 'OnSite', completed: 'Completed', incomplete: 'Incomplete' };
  // "Unsafe" is not a reason the utility contract knows: it travels as "other" with the word in its note.
  var reasons = [
    { value: 'customerAbsent', label: 'Customer absent' },
    { value: 'partlyDone', label: 'Partly done (a follow-up visit is booked)' },
    { value: 'unsafe', label: 'Unsafe to work' }
  ];

  function label(map, key) { return map[key] || key; }

  /** Times in the site's zone (the customer's window as they were told it), the utility's by default. */
  function clock(iso, zone) {
    if (!iso) return '';
    return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone || 'Europe/Brussels' })
      .format(new Date(iso));
  }
  function dayLabel(isoDate) {
    return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' })
      .format(new Date(isoDate + 'T12:00:00Z'));
  }

  /**
   * The day's visits in the order they are to be driven: the dispatch plan's sequence when the day
   * is planned, the appointment windows otherwise. A planned stop carries when the work starts and
   * when to leave the stop before for it (start less the drive): the plan's arrival is when the van
   * could be there, which for a later window is long before anyone opens the door, so it is not shown.
   */
  function route(day) {
    var visits = (day && day.visits) || [];
    var stops = visits.map(function (visit, index) {
      var appointment = visit.appointment || {};
      var start = typeof visit.plannedStart === 'string' ? visit.plannedStart : undefined;
      var leaveBy = start !== undefined && typeof visit.travelMinutes === 'number'
        ? new Date(Date.parse(start) - Math.ceil(visit.travelMinutes) * 60000).toISOString()
        : undefined;
      return {
        workOrderId: appointment.workOrderId || visit.workOrderId,
        windowStart: appointment.windowStart,
        windowEnd: appointment.windowEnd,
        planned: typeof visit.sequence === 'number' ? visit.sequence : undefined,
        start: start,
        leaveBy: leaveBy,
        workOrder: visit.workOrder,
        index: index
      };
    });
    stops.sort(function (a, b) {
      if (a.planned !== undefined && b.planned !== undefined && a.planned !== b.planned) return a.planned - b.planned;
      if (a.planned !== undefined && b.planned === undefined) return -1;
      if (b.planned !== undefined && a.planned === undefined) return 1;
      var byWindow = Date.parse(a.windowStart) - Date.parse(b.windowStart);
      return byWindow !== 0 ? byWindow : a.index - b.index;
    });
    return stops;
  }

  function addressOf(site) {
    return site ? site.street + ', ' + site.postcode + ' ' + site.city : '';
  }
  /** A geo: URI opens the phone's own navigation app; the maps URL works where geo: does not. */
  function navigation(site) {
    var at = site.latitude + ',' + site.longitude;
    return {
      geo: 'geo:' + at + '?q=' + at + '(' + encodeURIComponent(addressOf(site)) + ')',
      maps: 'https://www.google.com/maps/dir/?api=1&destination=' + encodeURIComponent(at)
    };
  }

  /** The status the technician should see: the server's, moved on by what is still waiting to be sent. */
  function shownStatus(workOrder, queued) {
    var status = workOrder && workOrder.state ? workOrder.state.status : undefined;
    var waiting = false;
    (queued || []).forEach(function (item) {
      if (item.kind === 'status' && item.state === 'pending') {
        status = updateStatus[item.body.status];
        waiting = true;
      }
    });
    return { status: status, waiting: waiting };
  }

  function queuedFor(queue, workOrderId) {
    return (queue || []).filter(function (item) { return item.workOrderId === workOrderId; });
  }

  function badge(shown) {
    return '<span class="badge status-' + esc(shown.status) + '">' + esc(label(statusLabels, shown.status)) + '</span>' +
      (shown.waiting ? ' <span class="badge waiting">waiting to send</span>' : '');
  }

  function syncLine(sync) {
    if (!sync) return '';
    var text = sync.online ? 'Online' : 'Offline: everything you do is kept on this phone and sent later';
    if (sync.pending > 0) text += ' · ' + sync.pending + (sync.pending === 1 ? ' update' : ' updates') + ' waiting to send';
    return '<p class="sync ' + (sync.online ? 'online' : 'offline') + '" role="status">' + esc(text) + '</p>';
  }

  function conflictsView(queue) {
    var refused = (queue || []).filter(function (item) { return item.state === 'conflict'; });
    if (refused.length === 0) return '';
    return '<section class="conflicts" aria-labelledby="conflicts-title"><h2 id="conflicts-title">Not accepted</h2>' +
      '<ul>' + refused.map(function (item) {
        return '<li><p class="notice error"><strong>' + esc(item.workOrderId) + ':</strong> ' + esc(item.message) + '</p>' +
          '<p>What you entered is kept on this phone: ' + esc(describe(item)) + '.</p>' +
          '<button type="button" class="secondary" data-discard="' + esc(item.seq) + '">Remove from this phone</button></li>';
      }).join('') + '</ul></section>';
  }

  function describe(item) {
    if (item.kind === 'case') return 'case "' + item.body.title + '"';
    var body = item.body;
    switch (body.status) {
      case 'enRoute': return 'on the way';
      case 'onSite': return 'arrived on site';
      case 'completed': return 'completion report with ' + (item.photos || []).length + ' photo(s)' + (body.report.notes ? ' and notes' : '');
      case 'incomplete': return 'not finished (' + body.reason + ')' + (body.note ? ': ' + body.note : '');
      default: return body.status;
    }
  }

  function plannedTimes(stop, zone) {
    return (stop.start ? '<dt>Planned start</dt><dd>' + esc(clock(stop.start, zone)) + '</dd>' : '') +
      (stop.leaveBy ? '<dt>Leave by</dt><dd>' + esc(clock(stop.leaveBy, zone)) + '</dd>' : '');
  }

  function dayView(model) {
    var day = model.day;
    var stops = route(day);
    var list = stops.length === 0
      ? '<p>No visits planned for this day.</p>'
      : '<ol class="route">' + stops.map(function (stop, position) {
          var wo = stop.workOrder;
          if (!wo) return '<li class="stop"><p>Visit ' + esc(stop.workOrderId) + ' (details not available)</p></li>';
          var zone = wo.site.timeZone;
          var nav = navigation(wo.site);
          var shown = shownStatus(wo, queuedFor(model.queue, wo.id));
          return '<li class="stop"><h2><span class="stop-number">' + (position + 1) + '</span> ' +
            '<a href="#/work-orders/' + encodeURIComponent(wo.id) + '">' + esc(label(workTypeLabels, wo.workType)) + ' – ' + esc(wo.site.street) + '</a></h2>' +
            '<p>' + badge(shown) + '</p>' +
            '<dl class="facts"><dt>Window</dt><dd>' + esc(clock(stop.windowStart, zone)) + '–' + esc(clock(stop.windowEnd, zone)) + '</dd>' +
            plannedTimes(stop, zone) +
            '<dt>Address</dt><dd>' + esc(addressOf(wo.site)) + '</dd></dl>' +
            '<p class="nav"><a class="button secondary" href="' + esc(nav.geo) + '">Navigate<span class="vh"> to ' + esc(wo.site.street) + '</span></a> ' +
            '<a href="' + esc(nav.maps) + '" rel="noreferrer" target="_blank">Open in maps<span class="vh"> (' + esc(wo.site.street) + ')</span></a></p></li>';
        }).join('') + '</ol>';
    return syncLine(model.sync) + '<h1>Today’s route</h1><p class="day">' + esc(dayLabel(day.date)) +
      (model.fromCache ? ' · saved copy, not refreshed' : '') + '</p>' + conflictsView(model.queue) + list;
  }

  function checklistFor(checklists, workType) {
    return checklists[workType] || { items: [], measurements: [] };
  }

  function additionsView(additions) {
    if (!additions) return '<p>Not available offline.</p>';
    var details = additions.details || [];
    var uploads = additions.uploads || [];
    if (details.length === 0 && uploads.length === 0) return '<p>The customer added nothing.</p>';
    return (details.length === 0 ? '' : '<ul class="details">' + details.map(function (d) { return '<li><blockquote>' + esc(d.text) + '</blockquote></li>'; }).join('') + '</ul>') +
      (uploads.length === 0 ? '' : '<ul class="uploads">' + uploads.map(function (u, i) {
        return '<li><a href="' + esc(u.url) + '" target="_blank" rel="noreferrer">' + esc(u.kind === 'document' ? 'Document' : 'Photo') + ' ' + (i + 1) + '</a> (' + esc(Math.ceil(u.size / 1024)) + ' KB)</li>';
      }).join('') + '</ul>');
  }

  function checkbox(name, value, text, id) {
    return '<div class="check"><input type="checkbox" id="' + id + '" name="' + name + '" value="' + esc(value) + '"><label for="' + id + '">' + esc(text) + '</label></div>';
  }

  function completionForm(checklist, draft) {
    var photos = (draft && draft.photos) || [];
    return '<form id="complete-form" novalidate aria-labelledby="complete-title"><h2 id="complete-title">Complete the visit</h2>' +
      '<fieldset><legend>Checklist</legend>' + checklist.items.map(function (item, i) { return checkbox('checklist', item, item, 'check-' + i); }).join('') + '</fieldset>' +
      (checklist.measurements.length === 0 ? '' : '<fieldset><legend>Measurements</legend>' + checklist.measurements.map(function (m, i) {
        return '<div class="field"><label for="measure-' + i + '">' + esc(m.name) + ' (' + esc(m.unit) + ')' + (m.required ? '' : ' – optional') + '</label>' +
          '<input id="measure-' + i + '" name="measure-' + i + '" inputmode="decimal" ' + (m.required ? 'required aria-required="true" ' : '') + 'autocomplete="off"></div>';
      }).join('') + '</fieldset>') +
      '<div class="field"><label for="notes">Notes for the utility</label><textarea id="notes" name="notes" rows="3" maxlength="4000"></textarea></div>' +
      '<div class="field"><label for="photo-input">Add a photo</label><input id="photo-input" type="file" accept="image/*" capture="environment" multiple></div>' +
      '<ul class="photos" aria-live="polite">' + photos.map(function (p, i) {
        return '<li><img src="' + esc(p.preview) + '" alt="Photo ' + (i + 1) + '" width="96" height="72"> <button type="button" class="secondary" data-remove-photo="' + esc(p.id) + '">Remove photo ' + (i + 1) + '</button></li>';
      }).join('') + '</ul>' +
      '<div class="field"><p id="signature-label" class="label">Customer signature (optional)</p><canvas id="signature" width="600" height="200" role="img" aria-labelledby="signature-label"></canvas>' +
      '<button type="button" class="secondary" id="clear-signature">Clear signature</button></div>' +
      '<div id="complete-problems" role="alert"></div>' +
      '<button type="submit">Complete visit</button></form>';
  }

  function incompleteForm() {
    return '<form id="incomplete-form" novalidate aria-labelledby="incomplete-title"><h2 id="incomplete-title">Could not finish</h2>' +
      '<fieldset><legend>Reason</legend>' + reasons.map(function (r, i) {
        return '<div class="check"><input type="radio" id="reason-' + i + '" name="reason" value="' + r.value + '"' + (i === 0 ? ' required' : '') + '><label for="reason-' + i + '">' + esc(r.label) + '</label></div>';
      }).join('') + '</fieldset>' +
      '<div class="field"><label for="incomplete-note">What happened</label><textarea id="incomplete-note" name="note" rows="2" maxlength="1900"></textarea></div>' +
      '<div id="incomplete-problems" role="alert"></div>' +
      '<button type="submit" class="danger">End visit as not finished</button></form>';
  }

  function actionsView(shown, checklist, draft) {
    switch (shown.status) {
      case 'Dispatched':
        return '<form id="enroute-form" class="actions"><div class="field"><label for="eta-minutes">Arriving in (minutes)</label>' +
          '<input id="eta-minutes" name="minutes" type="number" min="1" max="600" value="20" inputmode="numeric"></div>' +
          '<button type="submit">On my way</button></form>';
      case 'EnRoute':
        return '<p class="actions"><button type="button" id="on-site">Arrived on site</button></p>';
      case 'OnSite':
        return completionForm(checklist, draft) + incompleteForm();
      default:
        return '<p>Nothing more to report for this visit.</p>';
    }
  }

  function caseForm() {
    return '<details class="raise"><summary>Raise a case from the field</summary><form id="case-form">' +
      '<div class="field"><label for="case-title">What is the problem?</label><input id="case-title" name="title" required maxlength="200"></div>' +
      '<div class="field"><label for="case-description">Details</label><textarea id="case-description" name="description" rows="3" maxlength="4000"></textarea></div>' +
      '<button type="submit" class="secondary">Raise case</button><p id="case-status" role="status"></p></form></details>';
  }

  function workOrderView(model) {
    var wo = model.workOrder;
    if (!wo) return syncLine(model.sync) + '<p><a href="#/">Back to today’s route</a></p><h1>Work order</h1><p>This work order is not on this phone yet; open it once online.</p>';
    var zone = wo.site.timeZone;
    var nav = navigation(wo.site);
    var queued = queuedFor(model.queue, wo.id);
    var shown = shownStatus(wo, queued);
    var checklist = checklistFor(model.checklists, wo.workType);
    var stop = model.stop || {};
    var asset = wo.asset;
    return syncLine(model.sync) + '<p><a href="#/">Back to today’s route</a></p>' +
      '<h1>' + esc(label(workTypeLabels, wo.workType)) + ' – ' + esc(wo.site.street) + '</h1>' +
      '<p id="wo-status">Status: ' + badge(shown) + '</p>' + conflictsView(queued) +
      '<section aria-labelledby="visit-title"><h2 id="visit-title">Visit</h2><dl class="facts">' +
      (stop.windowStart ? '<dt>Window</dt><dd>' + esc(clock(stop.windowStart, zone)) + '–' + esc(clock(stop.windowEnd, zone)) + '</dd>' : '') +
      plannedTimes(stop, zone) +
      '<dt>Address</dt><dd>' + esc(addressOf(wo.site)) + '</dd>' +
      '<dt>Access notes</dt><dd>' + esc(wo.site.accessNotes || 'None') + '</dd>' +
      '<dt>Skills</dt><dd>' + esc((wo.requiredSkills || []).join(', ') || 'None') + '</dd>' +
      '<dt>Priority</dt><dd>' + esc(wo.priority) + '</dd>' +
      (asset ? '<dt>Meter / asset</dt><dd>' + esc([asset.meterNumber, asset.connectionPointId, asset.description].filter(Boolean).join(' · ')) + '</dd>' : '') +
      (wo.notes ? '<dt>Notes</dt><dd>' + esc(wo.notes) + '</dd>' : '') +
      '<dt>Reference</dt><dd>' + esc(wo.externalId) + '</dd></dl>' +
      '<p class="nav"><a class="button secondary" href="' + esc(nav.geo) + '">Navigate</a> <a href="' + esc(nav.maps) + '" target="_blank" rel="noreferrer">Open in maps</a></p></section>' +
      '<section aria-labelledby="customer-title"><h2 id="customer-title">What the customer added</h2>' + additionsView(model.additions) + '</section>' +
      '<section aria-labelledby="todo-title"><h2 id="todo-title">For this work type</h2><ul>' +
      checklist.items.map(function (item) { return '<li>' + esc(item) + '</li>'; }).join('') +
      checklist.measurements.map(function (m) { return '<li>Measure: ' + esc(m.name) + ' (' + esc(m.unit) + ')</li>'; }).join('') + '</ul></section>' +
      '<section aria-labelledby="report-title" class="report"><h2 id="report-title" class="vh">Report</h2>' + actionsView(shown, checklist, model.draft) + '</section>' +
      caseForm();
  }

  function decimal(text) {
    var cleaned = String(text || '').trim().replace(',', '.');
    if (cleaned === '' || !/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
    return Number(cleaned);
  }

  /**
   * The completion report from what the form holds, or why it cannot be sent yet: every item is
   * reported (ticked or not, as the utility asks), required readings given and in range.
   */
  function completionReport(checklist, input) {
    var problems = [];
    var measurements = [];
    checklist.measurements.forEach(function (spec, i) {
      var raw = input.measurements[i];
      if (raw === undefined || String(raw).trim() === '') {
        if (spec.required) problems.push({ field: 'measure-' + i, message: spec.name + ' is required' });
        return;
      }
      var value = decimal(raw);
      if (value === undefined) { problems.push({ field: 'measure-' + i, message: spec.name + ' must be a number' }); return; }
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        problems.push({ field: 'measure-' + i, message: spec.name + ' must be between ' + spec.min + ' and ' + spec.max + ' ' + spec.unit });
        return;
      }
      measurements.push({ name: spec.name, value: value, unit: spec.unit });
    });
    var report = {
      checklist: checklist.items.map(function (item) { return { item: item, done: input.ticked.indexOf(item) >= 0 }; }),
      measurements: measurements,
      photos: []
    };
    if (input.notes && input.notes.trim()) report.notes = input.notes.trim();
    return { report: report, problems: problems };
  }

  /** A visit that ends unfinished, in the shape the status API takes. */
  function incompleteUpdate(reason, note) {
    var text = (note || '').trim();
    if (reason === 'unsafe') return { status: 'incomplete', reason: 'other', note: 'Unsafe to work' + (text ? ': ' + text : '') };
    var update = { status: 'incomplete', reason: reason };
    if (text) update.note = text;
    return update;
  }

  function problemsView(problems) {
    if (problems.length === 0) return '';
    return '<p class="notice error">Not sent yet:</p><ul>' + problems.map(function (p) {
      return '<li><a href="#' + esc(p.field) + '">' + esc(p.message) + '</a></li>';
    }).join('') + '</ul>';
  }

  /**
   * What a replayed request's answer means for the queue: done (applied, a replay of something
   * applied, or something the visit is already past), a conflict to show and keep, a sign-in to
   * renew (the queue waits), or a try-again-later.
   */
  function outcomeOf(status, body) {
    var message = body && body.errors && body.errors[0] ? body.errors.map(function (e) { return (e.path ? e.path + ': ' : '') + e.message; }).join('; ') : '';
    if (status >= 200 && status < 300) return { kind: 'done', outcome: body && body.outcome, status: body && body.status };
    if (status === 401) return { kind: 'signIn', message: 'Your sign-in has ended: sign in again to send what is waiting.' };
    if (status === 403 && /CSRF|another site/.test(message)) return { kind: 'signIn', message: 'Reload the app to send what is waiting.' };
    if (status === 409 && /cancelled/.test(message)) return { kind: 'conflict', status: 'Cancelled', message: 'This work order was cancelled while you were offline; nothing more can be reported on it.' };
    if (status === 403 || status === 404) return { kind: 'conflict', message: 'This work order is no longer assigned to you (' + (message || status) + ').' };
    if (status === 409 || status === 400 || status === 413 || status === 415) return { kind: 'conflict', message: message || ('refused (' + status + ')') };
    return { kind: 'retry', message: 'The server did not answer (' + status + '); trying again later.' };
  }

  root.fieldlineTechViews = {
    esc: esc, route: route, navigation: navigation, shownStatus: shownStatus, dayView: dayView,
    workOrderView: workOrderView, completionReport: completionReport, incompleteUpdate: incompleteUpdate,
    problemsView: problemsView, outcomeOf: outcomeOf, syncLine: syncLine, describe: describe, checklistFor: checklistFor
  };
})(typeof self !== 'undefined' ? self : globalThis);
`;
