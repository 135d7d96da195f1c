// Guardrail explanation UI. Plain JavaScript, no build step, no other origin.
// Verdict texts are untrusted: every piece of data reaches the page through textContent or text nodes, never as markup.
'use strict';

(() => {
  const KEY_STORAGE = 'guardrail.adminApiKey';
  const API = new URL('../api/', document.baseURI);
  const LABEL_NAMES = { 'correct': 'correct', 'false-positive': 'false positive', 'false-negative': 'false negative' };
  const DECISIONS = ['allow', 'unchecked', 'flag', 'redact', 'block'];
  const GROUNDING_KEYS = ['citation', 'source', 'sourceSpan', 'passage', 'support', 'missing'];

  const $ = (id) => document.getElementById(id);
  const state = { filters: {}, limit: '50', cursor: null, next: null, detailId: null };

  class ApiError extends Error {
    constructor(status, code, message) { super(message); this.status = status; this.code = code; }
  }

  // Builds an element; strings among the children become text nodes, so data never parses as HTML.
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function show(view) {
    for (const id of ['key-view', 'list-view', 'detail-view']) $(id).hidden = id !== view;
    $('forget-key').hidden = view === 'key-view';
  }

  function formatTime(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  }

  function formatNumber(value) {
    return typeof value === 'number' ? String(Math.round(value * 10000) / 10000) : String(value);
  }

  function decisionBadge(decision) {
    const known = DECISIONS.includes(decision) ? decision : 'unchecked';
    return el('span', { class: `decision decision-${known}`, text: decision });
  }

  async function api(path, options = {}) {
    const key = sessionStorage.getItem(KEY_STORAGE);
    if (!key) {
      askForKey();
      throw new ApiError(401, 'missing_api_key', 'Enter the admin API key.');
    }
    const headers = Object.assign({ 'X-Guardrail-Api-Key': key, 'Accept': 'application/json' }, options.headers || {});
    const response = await fetch(new URL(path, API), Object.assign({}, options, { headers, cache: 'no-store', credentials: 'omit' }));
    let body = null;
    try { body = await response.json(); } catch { body = null; }
    const error = body && body.error ? body.error : null;
    if (response.status === 401) {
      sessionStorage.removeItem(KEY_STORAGE);
      askForKey(error ? error.message : 'The key was not accepted.');
      throw new ApiError(401, error ? error.code : 'unauthorized', error ? error.message : 'Unauthorized');
    }
    if (!response.ok) {
      throw new ApiError(response.status, error ? error.code : 'http_error', error ? error.message : `HTTP ${response.status}`);
    }
    return body;
  }

  // ---- key ----

  function askForKey(message) {
    show('key-view');
    $('key-error').hidden = !message;
    $('key-error').textContent = message || '';
    $('api-key').value = '';
    $('api-key').focus();
  }

  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY_STORAGE, key);
    $('api-key').value = '';
    route();
  });

  $('forget-key').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    askForKey();
  });

  // ---- list ----

  function readFilters() {
    const filters = {};
    for (const name of ['decision', 'rule', 'category', 'route']) {
      const value = $(`f-${name}`).value.trim();
      if (value) filters[name] = value;
    }
    for (const name of ['from', 'to']) {
      const value = $(`f-${name}`).value;
      if (!value) continue;
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) throw new Error(`"${name}" is not a valid time.`);
      filters[name] = date.toISOString();
    }
    return filters;
  }

  async function loadList() {
    show('list-view');
    const status = $('list-status');
    status.classList.remove('error');
    status.textContent = 'Loading…';
    const params = new URLSearchParams(state.filters);
    params.set('limit', state.limit);
    if (state.cursor) params.set('cursor', state.cursor);
    try {
      const page = await api(`verdicts?${params}`);
      renderRows(page.items);
      state.next = page.next;
      $('next-page').disabled = !page.next;
      $('first-page').disabled = !state.cursor;
      const count = page.items.length;
      status.textContent = count === 0 ? 'No verdicts match.' : `${count} verdict${count === 1 ? '' : 's'}${state.cursor ? ' (a later page)' : ''}${page.next ? '; more on the next page' : ''}.`;
    } catch (error) {
      if (error.status === 401) return;
      renderRows([]);
      status.classList.add('error');
      status.textContent = error.message;
    }
  }

  function renderRows(items) {
    const body = $('verdicts').tBodies[0];
    body.replaceChildren(...items.map((item) => el('tr', { 'data-id': item.id },
      el('td', { class: 'mono', text: formatTime(item.time) }),
      el('td', null, decisionBadge(item.decision)),
      el('td', { text: item.route }),
      el('td', { text: (item.rules || []).join(', ') }),
      el('td', { text: (item.categories || []).join(', ') }),
      el('td', { text: String(item.labels ?? 0) }),
      el('td', null, el('a', { href: `#/verdicts/${encodeURIComponent(item.id)}`, class: 'mono', text: item.id })))));
  }

  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      state.filters = readFilters();
    } catch (error) {
      $('list-status').classList.add('error');
      $('list-status').textContent = error.message;
      return;
    }
    state.limit = $('f-limit').value;
    state.cursor = null;
    loadList();
  });

  $('clear-filters').addEventListener('click', () => {
    $('filters').reset();
    state.filters = {};
    state.limit = $('f-limit').value;
    state.cursor = null;
    loadList();
  });

  $('next-page').addEventListener('click', () => {
    if (!state.next) return;
    state.cursor = state.next;
    loadList();
  });

  $('first-page').addEventListener('click', () => {
    state.cursor = null;
    loadList();
  });

  // ---- detail ----

  async function loadDetail(id) {
    show('detail-view');
    state.detailId = id;
    $('d-id').textContent = id;
    for (const list of ['d-meta', 'd-explanation', 'd-texts', 'd-findings', 'd-labels', 'd-judge-labels']) $(list).replaceChildren();
    $('label-status').textContent = '';
    const status = $('detail-status');
    status.classList.remove('error');
    status.textContent = 'Loading…';
    try {
      const entry = await api(`verdicts/${encodeURIComponent(id)}`);
      if (state.detailId !== id) return;
      renderDetail(entry);
      status.textContent = '';
      $('detail-heading').focus();
    } catch (error) {
      if (error.status === 401) return;
      status.classList.add('error');
      status.textContent = error.message;
    }
  }

  function metaList(target, pairs) {
    for (const [name, value] of pairs) {
      if (value === null || value === undefined || value === '') continue;
      target.append(el('dt', { text: name }), el('dd', null, value));
    }
    return target;
  }

  function renderDetail(entry) {
    const verdict = entry.verdict;
    const scores = Object.entries(verdict.scores || {}).map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ');
    const models = Object.entries(verdict.models || {}).map(([k, v]) => `${k}: ${v}`).join(', ');
    metaList($('d-meta'), [
      ['Decision', decisionBadge(verdict.decision)],
      ['Time (UTC)', formatTime(entry.time)],
      ['Route', entry.route],
      ['Policy', verdict.policy],
      ['Scores', scores || 'none'],
      ['Models', models],
      ['Not checked', (verdict.uncheckedReasons || []).join('; ')],
      ['Notes', (verdict.notes || []).join('; ')],
      ['Stored text', entry.textMode],
    ]);
    const explanation = entry.explanation || [];
    $('d-explanation').replaceChildren(...(explanation.length ? explanation : ['No findings: nothing to act on.']).map((line) => el('li', { text: line })));
    renderTexts(entry, verdict.findings || []);
    $('d-findings').replaceChildren(...(verdict.findings || []).map((finding, index) => renderFinding(finding, index, entry)));
    renderLabels(entry.labels || []);
    renderJudgeLabels(entry.judgeLabels || []);
  }

  // A span is shown only when it lies inside the stored text; spans are UTF-16 offsets, as JavaScript strings are.
  function spanIn(finding, text) {
    const span = finding.span;
    if (!span || typeof span.start !== 'number' || typeof span.end !== 'number') return null;
    if (span.start < 0 || span.end > text.length || span.start >= span.end) return null;
    return span;
  }

  function renderTexts(entry, findings) {
    const container = $('d-texts');
    if (!entry.texts || entry.texts.length === 0) {
      container.append(el('p', { class: 'hint', text: entry.textMode === 'none'
        ? 'No text was stored for this exchange (the policy stores verdicts only).'
        : 'No text was stored for this exchange.' }));
      return;
    }
    for (const stored of entry.texts) {
      const text = stored.text;
      const own = findings.map((finding, index) => ({ finding, index, span: finding.target === stored.target ? spanIn(finding, text) : null }))
        .filter((x) => x.span);
      // The judge's spans of violated principles are marked too, numbered J1, J2, … after its labels.
      (entry.judgeLabels || []).forEach((label, index) => {
        if (!label.violated) return;
        for (const span of label.spans || []) {
          if (span.target !== stored.target) continue;
          const checked = spanIn({ span }, text);
          if (checked) own.push({ finding: { action: 'judge', rule: `judge: ${label.principle}` }, index: `j${index}`, span: checked });
        }
      });
      // Cut the text at every span edge; each piece is covered by zero or more findings (spans may overlap).
      const cuts = new Set([0, text.length]);
      for (const x of own) { cuts.add(x.span.start); cuts.add(x.span.end); }
      const points = [...cuts].sort((a, b) => a - b);
      const pre = el('pre');
      for (let i = 0; i + 1 < points.length; i++) {
        const start = points[i], end = points[i + 1];
        const piece = text.slice(start, end);
        const covering = own.filter((x) => x.span.start <= start && end <= x.span.end);
        if (covering.length === 0) {
          pre.append(piece);
          continue;
        }
        const actions = covering.map((x) => x.finding.action);
        const strongest = actions.includes('block') ? 'block'
          : actions.includes('redact') ? 'redact'
            : actions.includes('flag') ? 'flag'
              : actions.every((a) => a === 'judge') ? 'judge' : 'other';
        // The last piece of each span carries the finding numbers, drawn by CSS so the text itself stays exact.
        const ending = covering.filter((x) => x.span.end === end);
        pre.append(el('mark', {
          class: `hl-${strongest}`,
          tabindex: '-1',
          'data-findings': covering.map((x) => x.index).join(' '),
          'data-marker': ending.length ? ending.map((x) => `[${markerOf(x.index)}]`).join('') : null,
          title: covering.map((x) => `[${markerOf(x.index)}] ${x.finding.rule}`).join(', '),
        }, piece));
      }
      const section = el('section', { class: 'exchange-text', 'data-target': stored.target },
        el('h4', null, el('code', { text: stored.target })), pre);
      container.append(section);
    }
  }

  // Findings are numbered 1, 2, …; the judge's labels J1, J2, …
  function markerOf(index) {
    return typeof index === 'string' ? `J${Number(index.slice(1)) + 1}` : String(index + 1);
  }

  function renderJudgeLabels(labels) {
    $('d-judge-labels').replaceChildren(...(labels.length ? labels.map((label, index) => el('li', {
      'data-principle': label.principle,
      'data-violated': String(label.violated),
    },
      el('strong', { text: `J${index + 1} ${label.principle}: ${label.violated ? 'violated' : 'not violated'}` }),
      ` · ${label.severity} · ${label.reason} · ${label.judge} (${label.constitution}) · ${formatTime(label.time)}`,
      el('p', { class: 'rationale', text: label.rationale }))) : [el('li', { class: 'hint', text: 'Not judged.' })]));
  }

  function renderFinding(finding, index, entry) {
    const stored = (entry.texts || []).find((t) => t.target === finding.target);
    const span = finding.span;
    let spanText = 'whole text';
    if (span) {
      spanText = `${span.start}–${span.end} (${span.unit || 'utf16'})`;
      if (stored && !spanIn(finding, stored.text)) spanText += ' — outside the stored text';
      else if (!stored && entry.textMode !== 'none') spanText += ' — target text not stored';
    }
    const meta = metaList(el('dl', { class: 'meta' }), [
      ['Category', finding.category],
      ['Action', decisionBadge(finding.action)],
      ['Score', formatNumber(finding.score)],
      ['Threshold', formatNumber(finding.threshold)],
      ['Target', el('code', { text: finding.target })],
      ['Span', spanText],
      ['Text', finding.text],
      ['Explanation', finding.explanation],
    ]);
    const item = el('li', { class: 'finding', 'data-rule': finding.rule },
      el('h4', null, el('code', { text: finding.rule })), meta);
    if (finding.evidence && Object.keys(finding.evidence).length) item.append(renderEvidence(finding.evidence));
    if (stored && spanIn(finding, stored.text)) {
      const button = el('button', { type: 'button', text: 'Show in text' });
      button.addEventListener('click', () => focusMarks(index));
      item.append(button);
    }
    return item;
  }

  function renderEvidence(evidence) {
    const box = el('div', { class: 'evidence' }, el('h5', { text: 'Evidence' }));
    const pairs = [];
    if ('citation' in evidence) pairs.push(['Citation', String(evidence.citation)]);
    if ('source' in evidence) pairs.push(['Source', String(evidence.source)]);
    if ('support' in evidence) pairs.push(['Support', formatNumber(evidence.support)]);
    if (Array.isArray(evidence.missing)) {
      pairs.push(['Missing terms', evidence.missing.length
        ? el('ul', { class: 'missing' }, ...evidence.missing.map((m) => el('li', { text: String(m) })))
        : 'none']);
    }
    if (evidence.sourceSpan) pairs.push(['Passage span', `${evidence.sourceSpan.start}–${evidence.sourceSpan.end}`]);
    for (const [name, value] of Object.entries(evidence)) {
      if (GROUNDING_KEYS.includes(name)) continue;
      pairs.push([name, typeof value === 'string' ? value : JSON.stringify(value)]);
    }
    box.append(metaList(el('dl', { class: 'meta' }), pairs));
    if (typeof evidence.passage === 'string') {
      box.append(el('p', { class: 'hint', text: `Best passage of source ${evidence.source ?? ''}:` }),
        el('blockquote', { class: 'passage', text: evidence.passage }));
    }
    return box;
  }

  function focusMarks(index) {
    const marks = document.querySelectorAll(`#d-texts mark[data-findings~="${index}"]`);
    for (const mark of document.querySelectorAll('#d-texts mark.active')) mark.classList.remove('active');
    for (const mark of marks) mark.classList.add('active');
    if (marks.length) {
      marks[0].focus();
      marks[0].scrollIntoView({ block: 'center' });
    }
  }

  function renderLabels(labels) {
    $('d-labels').replaceChildren(...(labels.length ? labels.map((label) => el('li', { 'data-label': label.label },
      el('strong', { text: LABEL_NAMES[label.label] || label.label }),
      label.category ? ` · ${label.category}` : '',
      ` · ${formatTime(label.time)}`,
      label.note ? ` · ${label.note}` : '')) : [el('li', { class: 'hint', text: 'No labels yet.' })]));
  }

  async function postLabel(label) {
    const id = state.detailId;
    const status = $('label-status');
    const buttons = document.querySelectorAll('#labels button[data-label]');
    for (const button of buttons) button.disabled = true;
    status.classList.remove('error');
    status.textContent = 'Saving…';
    try {
      const note = $('label-note').value.trim();
      const category = $('label-category').value.trim();
      const body = { label };
      if (note) body.note = note;
      if (category) body.category = category;
      await api(`verdicts/${encodeURIComponent(id)}/labels`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const entry = await api(`verdicts/${encodeURIComponent(id)}`);
      renderLabels(entry.labels || []);
      $('label-note').value = '';
      $('label-category').value = '';
      status.textContent = `Labelled ${LABEL_NAMES[label]}.`;
    } catch (error) {
      if (error.status === 401) return;
      status.classList.add('error');
      status.textContent = error.message;
    } finally {
      for (const button of buttons) button.disabled = false;
    }
  }

  for (const button of document.querySelectorAll('#labels button[data-label]')) {
    button.addEventListener('click', () => postLabel(button.getAttribute('data-label')));
  }

  // ---- routing: #/ is the list, #/verdicts/{id} a verdict ----

  function route() {
    if (!sessionStorage.getItem(KEY_STORAGE)) {
      askForKey();
      return;
    }
    const match = /^#\/verdicts\/([^/?#]+)$/.exec(location.hash);
    if (match) loadDetail(decodeURIComponent(match[1]));
    else loadList();
  }

  window.addEventListener('hashchange', route);
  route();
})();
