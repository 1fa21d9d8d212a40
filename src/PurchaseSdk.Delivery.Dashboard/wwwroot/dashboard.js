// PurchaseSdk delivery dashboard: plain JavaScript, no dependencies, no build step. It reads the JSON endpoints under
// api/ (relative to the page) and acts through POSTs that carry the anti-forgery token issued by api/session.
// Every value is written with textContent or as an SVG attribute, never as HTML.
(function () {
  'use strict';

  const STATES = ['Pending', 'Succeeded', 'Skipped', 'Failed', 'Indeterminate', 'Cancelled'];
  const REFRESH_MS = 15000;
  const main = document.getElementById('main');
  let session = null;
  let providers = [];
  let pageStack = [];
  let lastFilterKey = '';
  let refreshTimer = null;

  // ---- small helpers ---------------------------------------------------------------------------------------------
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') element.className = value;
      else if (name.startsWith('on')) element.addEventListener(name.substring(2), value);
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    append(element, children);
    return element;
  }

  function append(element, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  function svg(tag, attributes, ...children) {
    const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [name, value] of Object.entries(attributes || {})) element.setAttribute(name, String(value));
    for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return element;
  }

  function number(n) { return Number(n).toLocaleString('en-US'); }

  function duration(seconds) {
    const s = Math.abs(Math.round(seconds));
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.round(s / 60) + ' min';
    if (s < 172800) { const hours = Math.floor(s / 3600), min = Math.round((s % 3600) / 60); return hours + ' h' + (min ? ' ' + min + ' min' : ''); }
    return Math.round(s / 86400) + ' days';
  }

  // A time relative to the server's clock (the store's time, not the browser's), with the exact time as a tooltip.
  function when(iso, now) {
    if (!iso) return h('span', { class: 'muted' }, '–');
    const seconds = (Date.parse(now) - Date.parse(iso)) / 1000;
    const text = Math.abs(seconds) < 1 ? 'now' : seconds > 0 ? duration(seconds) + ' ago' : 'in ' + duration(seconds);
    return h('time', { datetime: iso, title: utc(iso) }, text);
  }

  function utc(iso) { return new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'); }

  function stateBadge(state) { return h('span', { class: 'badge state state-' + state.toLowerCase(), 'data-state': state }, state); }

  function toast(message, kind) {
    const element = document.getElementById('toast');
    element.textContent = message;
    element.className = 'toast ' + (kind || 'ok');
    element.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { element.hidden = true; }, 8000);
  }

  // ---- the JSON API ----------------------------------------------------------------------------------------------
  async function api(path, options) {
    const init = { credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (options && options.method === 'POST') {
      init.method = 'POST';
      init.headers['Content-Type'] = 'application/json';
      init.headers[session.headerName] = session.requestToken;
      init.body = JSON.stringify(options.body || {});
    }
    const response = await fetch('api/' + path, init);
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : { title: response.statusText, detail: await response.text() };
    if (!response.ok && !(options && options.acceptStatus && options.acceptStatus.includes(response.status))) {
      const error = new Error(body.detail || body.message || response.statusText);
      error.status = response.status;
      error.body = body;
      throw error;
    }
    body.httpStatus = response.status;
    return body;
  }

  async function loadSession() {
    session = await api('session');
    document.getElementById('user').textContent = session.user;
    document.getElementById('read-only').hidden = !session.readOnly;
  }

  // ---- routing ---------------------------------------------------------------------------------------------------
  function route() {
    const hash = location.hash || '#/';
    const [path, query] = hash.substring(1).split('?');
    const params = new URLSearchParams(query || '');
    for (const link of document.querySelectorAll('[data-nav]')) link.classList.toggle('active', false);
    if (path.startsWith('/order/')) return { view: 'order', orderId: decodeURIComponent(path.substring('/order/'.length)) };
    if (path.startsWith('/deliveries')) return { view: 'deliveries', params };
    return { view: 'overview' };
  }

  async function render() {
    const current = route();
    const nav = document.querySelector('[data-nav="' + (current.view === 'order' ? 'deliveries' : current.view) + '"]');
    if (nav) nav.classList.add('active');
    try {
      let view;
      if (current.view === 'order') view = await orderView(current.orderId);
      else if (current.view === 'deliveries') view = await deliveriesView(current.params);
      else view = await overviewView();
      main.replaceChildren(view);
      main.setAttribute('data-view', current.view);
      main.setAttribute('data-loaded', String(Date.now()));
    } catch (error) {
      main.replaceChildren(h('div', { class: 'card error' }, h('h2', {}, 'Could not load this page'), h('p', {}, error.message)));
    }
  }

  // ---- overview --------------------------------------------------------------------------------------------------
  async function overviewView() {
    const [overview, history, failed, parked] = await Promise.all([
      api('overview'),
      api('history?hours=24&bucketMinutes=60'),
      api('deliveries?state=Failed&pageSize=10'),
      api('deliveries?state=Indeterminate&pageSize=10'),
    ]);
    providers = overview.providers;
    const totals = Object.fromEntries(overview.totals.map(t => [t.state, t.count]));

    const tiles = h('section', { class: 'tiles', 'aria-label': 'Deliveries by state' },
      STATES.map(state => h('a', { class: 'tile tile-' + state.toLowerCase(), href: '#/deliveries?state=' + state, 'data-tile': state },
        h('span', { class: 'tile-count', 'data-count': state }, number(totals[state] || 0)),
        h('span', { class: 'tile-label' }, state))),
      h('div', { class: 'tile tile-age', id: 'oldest-pending' },
        h('span', { class: 'tile-count', 'data-age-seconds': overview.oldestPendingAgeSeconds ?? '' },
          overview.oldestPendingAgeSeconds === null ? '–' : duration(overview.oldestPendingAgeSeconds)),
        h('span', { class: 'tile-label' }, 'oldest pending')));

    const byProvider = h('table', { class: 'grid', id: 'provider-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Provider'), STATES.map(s => h('th', { class: 'num' }, s)))),
      h('tbody', {}, overview.providers.length === 0
        ? h('tr', {}, h('td', { colspan: STATES.length + 1, class: 'muted' }, 'No delivery yet.'))
        : overview.providers.map(provider => h('tr', { 'data-provider': provider }, h('th', {}, provider), STATES.map(state => {
          const found = overview.counts.find(c => c.provider === provider && c.state === state);
          const count = found ? found.count : 0;
          return h('td', { class: 'num', 'data-cell': provider + ':' + state },
            count ? h('a', { href: '#/deliveries?state=' + state + '&provider=' + encodeURIComponent(provider) }, number(count)) : h('span', { class: 'muted' }, '0'));
        })))));

    return h('div', { class: 'overview' },
      h('div', { class: 'page-title' }, h('h1', {}, 'Overview'), h('span', { class: 'muted', id: 'generated-at' }, 'as of ' + utc(overview.generatedAt))),
      tiles,
      h('div', { class: 'columns' },
        h('section', { class: 'card chart-card' }, h('h2', {}, 'Last 24 hours ', h('span', { class: 'muted' }, '(UTC)')), chart(history)),
        h('section', { class: 'card' }, h('h2', {}, 'By provider'), byProvider)),
      h('section', { class: 'card', id: 'attention' },
        h('h2', {}, 'Needs attention'),
        failed.items.length + parked.items.length === 0
          ? h('p', { class: 'muted' }, 'Nothing failed or parked.')
          : [
            failed.items.length ? [h('h3', {}, 'Failed (' + number(failed.total) + ')'), deliveryTable(failed.items, failed.generatedAt)] : null,
            parked.items.length ? [h('h3', {}, 'Indeterminate (' + number(parked.total) + ')'), deliveryTable(parked.items, parked.generatedAt)] : null,
          ]));
  }

  // Stacked bars per bucket, drawn as plain SVG: succeeded at the bottom, then failed, then indeterminate.
  function chart(history) {
    const kinds = ['succeeded', 'failed', 'indeterminate'];
    const totals = { succeeded: 0, failed: 0, indeterminate: 0 };
    for (const bucket of history.buckets) for (const kind of kinds) totals[kind] += bucket[kind];
    const width = 720, height = 220, left = 40, right = 8, top = 10, bottom = 26;
    const plotWidth = width - left - right, plotHeight = height - top - bottom;
    const max = Math.max(1, ...history.buckets.map(b => b.succeeded + b.failed + b.indeterminate));
    const scaleMax = niceCeiling(max);
    const barWidth = plotWidth / Math.max(1, history.buckets.length);
    const root = svg('svg', { id: 'history-chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img', class: 'chart',
      'aria-label': 'Deliveries per hour over the last 24 hours: ' + totals.succeeded + ' succeeded, ' + totals.failed + ' failed, ' + totals.indeterminate + ' indeterminate',
      'data-buckets': history.buckets.length });
    for (const fraction of [0, 0.5, 1]) {
      const y = top + plotHeight - fraction * plotHeight;
      root.append(svg('line', { x1: left, x2: width - right, y1: y, y2: y, class: 'gridline' }));
      root.append(svg('text', { x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, number(Math.round(scaleMax * fraction))));
    }
    history.buckets.forEach((bucket, index) => {
      const x = left + index * barWidth;
      const start = new Date(bucket.start);
      const label = start.toISOString().substring(11, 16);
      let y = top + plotHeight;
      const group = svg('g', { class: 'bucket', 'data-bucket': index, 'data-start': bucket.start });
      group.append(svg('title', {}, label + ' UTC: ' + bucket.succeeded + ' succeeded, ' + bucket.failed + ' failed, ' + bucket.indeterminate + ' indeterminate'));
      for (const kind of kinds) {
        const count = bucket[kind];
        if (!count) continue;
        const barHeight = count / scaleMax * plotHeight;
        y -= barHeight;
        group.append(svg('rect', { x: x + 1, y: y, width: Math.max(1, barWidth - 2), height: barHeight, class: 'bar bar-' + kind, 'data-kind': kind, 'data-count': count }));
      }
      root.append(group);
      if (index % 3 === 0) root.append(svg('text', { x: x + barWidth / 2, y: height - 8, class: 'axis', 'text-anchor': 'middle' }, label));
    });
    const legend = h('div', { class: 'legend' }, kinds.map(kind => h('span', { class: 'legend-item', 'data-legend': kind },
      h('span', { class: 'swatch swatch-' + kind }), kind[0].toUpperCase() + kind.substring(1) + ' ', h('strong', { 'data-total': kind }, number(totals[kind])))));
    return h('div', {}, root, legend);
  }

  function niceCeiling(value) {
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
    return 10 * power;
  }

  // ---- lists -----------------------------------------------------------------------------------------------------
  function deliveryTable(items, now) {
    return h('table', { class: 'grid deliveries' },
      h('thead', {}, h('tr', {}, ['#', 'Order', 'Provider', 'State', 'Attempts', 'Updated', 'Next attempt', 'Reference / last error', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, items.map(d => h('tr', { 'data-delivery': d.id, 'data-state': d.state },
        h('td', { class: 'num' }, d.id),
        h('td', {}, h('a', { href: '#/order/' + encodeURIComponent(d.orderId), 'data-order-link': d.orderId }, d.orderId)),
        h('td', {}, d.provider),
        h('td', {}, stateBadge(d.state), d.earlierAttemptMayHaveLanded ? h('span', { class: 'badge warn', title: 'An earlier attempt may have reached the provider: the next one asks first.' }, 'may have landed') : null),
        h('td', { class: 'num' }, d.attempts),
        h('td', {}, when(d.updatedAt, now)),
        h('td', {}, when(d.nextAttemptAt, now)),
        h('td', { class: 'note' }, d.state === 'Succeeded' ? (d.providerReference || '') : h('span', { class: 'error-text' }, d.lastError || ''), d.resolution ? h('div', { class: 'muted' }, d.resolution) : null),
        h('td', { class: 'actions' }, actionButtons(d))))));
  }

  async function deliveriesView(params) {
    const state = params.get('state') || '', provider = params.get('provider') || '', orderId = params.get('orderId') || '';
    const after = params.get('after') || '';
    const filterKey = [state, provider, orderId].join('|');
    if (filterKey !== lastFilterKey) { pageStack = []; lastFilterKey = filterKey; }
    const query = new URLSearchParams({ pageSize: '50' });
    if (state) query.set('state', state);
    if (provider) query.set('provider', provider);
    if (orderId) query.set('orderId', orderId);
    if (after) query.set('afterId', after);
    const [page, overview] = await Promise.all([api('deliveries?' + query), providers.length ? null : api('overview')]);
    if (overview) providers = overview.providers;

    const stateSelect = h('select', { name: 'state', id: 'filter-state', 'aria-label': 'State' }, h('option', { value: '' }, 'All states'),
      STATES.map(s => h('option', { value: s, selected: s === state }, s)));
    const providerSelect = h('select', { name: 'provider', id: 'filter-provider', 'aria-label': 'Provider' }, h('option', { value: '' }, 'All providers'),
      [...new Set([...providers, provider].filter(Boolean))].map(p => h('option', { value: p, selected: p === provider }, p)));
    const orderInput = h('input', { name: 'orderId', id: 'filter-order', type: 'search', placeholder: 'Order id', value: orderId, 'aria-label': 'Order id' });
    const form = h('form', { class: 'filters', id: 'filters', onsubmit: event => {
      event.preventDefault();
      const next = new URLSearchParams();
      if (stateSelect.value) next.set('state', stateSelect.value);
      if (providerSelect.value) next.set('provider', providerSelect.value);
      if (orderInput.value.trim()) next.set('orderId', orderInput.value.trim());
      location.hash = '#/deliveries' + (next.toString() ? '?' + next : '');
    } }, stateSelect, providerSelect, orderInput, h('button', { type: 'submit' }, 'Filter'));

    const position = pageStack.length * page.pageSize;
    const pager = h('div', { class: 'pager' },
      h('span', { id: 'page-info' }, page.total === 0 ? 'No delivery matches.' : 'Showing ' + number(position + 1) + '–' + number(position + page.items.length) + ' of ' + number(page.total)),
      h('button', { type: 'button', id: 'page-previous', disabled: !after, onclick: () => {
        const previous = pageStack.pop();
        navigateToPage(params, previous || '');
      } }, '← Previous'),
      h('button', { type: 'button', id: 'page-next', disabled: page.nextAfterId === null, onclick: () => {
        pageStack.push(after);
        navigateToPage(params, String(page.nextAfterId));
      } }, 'Next →'));

    return h('div', {},
      h('div', { class: 'page-title' }, h('h1', {}, 'Deliveries')),
      h('section', { class: 'card' }, form, page.items.length ? deliveryTable(page.items, page.generatedAt) : null, pager));
  }

  function navigateToPage(params, after) {
    const next = new URLSearchParams(params);
    if (after) next.set('after', after); else next.delete('after');
    location.hash = '#/deliveries?' + next;
  }

  // ---- one order -------------------------------------------------------------------------------------------------
  async function orderView(orderId) {
    let order;
    try {
      order = await api('order?orderId=' + encodeURIComponent(orderId));
    } catch (error) {
      if (error.status === 404) return h('section', { class: 'card' }, h('h1', {}, 'Order ' + orderId), h('p', { id: 'not-found' }, 'No purchase with this order id was enqueued.'));
      throw error;
    }
    return h('div', { class: 'order', 'data-order': order.orderId },
      h('div', { class: 'page-title' }, h('h1', {}, 'Order ', h('code', {}, order.orderId)),
        h('span', { class: 'muted' }, 'enqueued ', when(order.enqueuedAt, order.generatedAt), order.hasPayload ? '' : ' · stored purchase purged')),
      order.deliveries.map(d => h('section', { class: 'card delivery', 'data-delivery': d.id, 'data-provider': d.provider, 'data-state': d.state },
        h('div', { class: 'delivery-head' },
          h('h2', {}, d.provider, ' ', h('span', { class: 'muted' }, '#' + d.id)), stateBadge(d.state),
          d.earlierAttemptMayHaveLanded ? h('span', { class: 'badge warn' }, 'may have landed') : null,
          h('span', { class: 'spacer' }), actionButtons(d)),
        h('dl', { class: 'facts' },
          fact('Provider reference', d.providerReference, 'reference'),
          fact('Last error', d.lastError, 'last-error'),
          fact('Resolution', d.resolution, 'resolution'),
          h('dt', {}, 'Updated'), h('dd', {}, when(d.updatedAt, order.generatedAt)),
          d.nextAttemptAt ? [h('dt', {}, 'Next attempt'), h('dd', {}, when(d.nextAttemptAt, order.generatedAt))] : null,
          d.finishedAt ? [h('dt', {}, 'Finished'), h('dd', {}, when(d.finishedAt, order.generatedAt))] : null),
        d.history.length === 0 ? h('p', { class: 'muted' }, 'Not attempted yet.') : h('table', { class: 'grid attempts' },
          h('thead', {}, h('tr', {}, ['Attempt', 'Started', 'Took', 'Outcome', 'HTTP requests', 'Reference', 'Message'].map(t => h('th', {}, t)))),
          h('tbody', {}, d.history.map(a => h('tr', { 'data-attempt': a.number },
            h('td', { class: 'num' }, a.number, a.resumed ? h('span', { class: 'badge warn', title: 'Resumed after an uncertain attempt' }, 'resumed') : null),
            h('td', {}, when(a.startedAt, order.generatedAt)),
            h('td', {}, a.endedAt ? duration((Date.parse(a.endedAt) - Date.parse(a.startedAt)) / 1000) : 'in progress'),
            h('td', {}, a.outcome),
            h('td', { class: 'num' }, a.providerAttempts),
            h('td', {}, a.providerReference || ''),
            h('td', { class: 'note' }, a.message || ''))))))));
  }

  function fact(label, value, name) {
    return value ? [h('dt', {}, label), h('dd', { 'data-fact': name }, value)] : null;
  }

  // ---- actions ---------------------------------------------------------------------------------------------------
  function actionButtons(d) {
    const buttons = [];
    if (d.actions.includes('redrive')) buttons.push(h('button', { type: 'button', class: 'primary', 'data-action': 'redrive', onclick: () => redrive(d) }, 'Re-drive'));
    if (d.actions.includes('resolve')) buttons.push(h('button', { type: 'button', class: 'primary', 'data-action': 'resolve', onclick: () => resolveDialog(d) }, 'Resolve…'));
    if (d.actions.includes('cancel')) buttons.push(h('button', { type: 'button', 'data-action': 'cancel', onclick: () => cancelDialog(d) }, 'Cancel…'));
    return h('span', { class: 'buttons' }, buttons);
  }

  async function act(d, action, body) {
    try {
      const result = await api('deliveries/' + d.id + '/' + action, { method: 'POST', body, acceptStatus: [404, 409] });
      toast(result.message, result.result === 'Changed' ? 'ok' : 'warn');
    } catch (error) {
      toast(error.message, 'error');
      if (error.status === 400 && error.body && /anti-forgery/i.test(error.body.title || '')) await loadSession();
    }
    closeDialog();
    await render();
  }

  function redrive(d) { return act(d, 'redrive'); }

  function openDialog(title, ...content) {
    document.getElementById('dialog-title').textContent = title;
    document.getElementById('dialog-body').replaceChildren(...content.flat().filter(Boolean));
    document.getElementById('dialog').showModal();
  }

  function closeDialog() {
    const dialog = document.getElementById('dialog');
    if (dialog.open) dialog.close();
  }

  function cancelDialog(d) {
    openDialog('Cancel delivery #' + d.id + '?',
      h('p', {}, 'The delivery of order ', h('code', {}, d.orderId), ' to ', h('strong', {}, d.provider), ' will never be attempted again.'),
      d.state === 'Pending' ? h('p', { class: 'muted' }, 'An attempt already under way may still reach the provider; its result is then not recorded.') : null,
      h('button', { type: 'button', class: 'danger', id: 'confirm-cancel', onclick: () => act(d, 'cancel') }, 'Cancel this delivery'));
  }

  // Resolving an indeterminate delivery: either the provider has it (with its reference), or send it again, which
  // needs an explicit confirmation that names the duplicate risk.
  function resolveDialog(d) {
    const reference = h('input', { type: 'text', id: 'resolve-reference', placeholder: d.provider + ' reference (optional)', maxlength: 500, 'aria-label': 'Provider reference' });
    const confirm = h('input', { type: 'checkbox', id: 'resend-confirm' });
    const resend = h('button', { type: 'button', class: 'danger', id: 'resend', disabled: true, onclick: () => act(d, 'resend', { acceptDuplicateRisk: confirm.checked }) }, 'Send again');
    confirm.addEventListener('change', () => { resend.disabled = !confirm.checked; });
    openDialog('Resolve delivery #' + d.id + ' (' + d.provider + ')',
      h('p', {}, d.provider + ' may or may not have recorded order ', h('code', {}, d.orderId), ': the last attempt may have reached it, and it cannot be asked. Check with ' + d.provider + ' first.'),
      h('fieldset', { class: 'choice' }, h('legend', {}, d.provider + ' has it'),
        h('p', {}, 'Mark the delivery as succeeded, with the reference ' + d.provider + ' gave the purchase.'),
        reference,
        h('button', { type: 'button', class: 'primary', id: 'resolve-delivered', onclick: () => act(d, 'resolve', { providerReference: reference.value }) }, 'Mark as delivered')),
      h('fieldset', { class: 'choice danger-zone' }, h('legend', {}, d.provider + ' does not have it'),
        h('p', { id: 'duplicate-warning' }, 'Sending again may create a duplicate purchase at ' + d.provider + ' if it did record order ' + d.orderId + '.'),
        h('label', { class: 'confirm' }, confirm, ' I checked: ' + d.provider + ' did not record order ' + d.orderId + '. Send it again and accept the risk of a duplicate.'),
        resend));
  }

  // ---- start -----------------------------------------------------------------------------------------------------
  function scheduleRefresh() {
    clearInterval(refreshTimer);
    const box = document.getElementById('auto-refresh');
    if (new URLSearchParams(location.search).get('refresh') === '0') box.checked = false;
    if (box.checked) refreshTimer = setInterval(() => { if (!document.hidden && !document.getElementById('dialog').open) render(); }, REFRESH_MS);
  }

  document.addEventListener('DOMContentLoaded', async () => {
    document.getElementById('refresh').addEventListener('click', () => render());
    document.getElementById('auto-refresh').addEventListener('change', scheduleRefresh);
    document.getElementById('order-search').addEventListener('submit', event => {
      event.preventDefault();
      const value = document.getElementById('order-search-input').value.trim();
      if (value) location.hash = '#/order/' + encodeURIComponent(value);
    });
    window.addEventListener('hashchange', render);
    try {
      await loadSession();
    } catch (error) {
      main.replaceChildren(h('div', { class: 'card error' }, h('h2', {}, 'The dashboard cannot start'), h('p', {}, error.message)));
      return;
    }
    scheduleRefresh();
    await render();
  });
})();
