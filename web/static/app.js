// newsflow search page. Plain JavaScript, no dependencies: the server does every search,
// facet and histogram; this file renders one page of hits and one article at a time.
//
// State lives in the URL hash, so that back/forward and bookmarks work:
//   #/?q=...&entity=PERSON:Name&country=CU&page=2   a search (the API's own parameters)
//   #/article/{id}                                  an article
//
// Safety: every piece of text from the API becomes a text node. The only markup taken from
// the API is <mark> in snippets, rebuilt here as elements (see markedText).
'use strict';
(function () {
  const FACETS = [
    // [facet name, heading, filter parameter, entity type]
    ['persons', 'People', 'entity', 'PERSON'],
    ['organizations', 'Organisations', 'entity', 'ORGANIZATION'],
    ['locations', 'Places', 'entity', 'LOCATION'],
    ['countries', 'Countries', 'country'],
    ['topics', 'Topics', 'topic'],
    ['sources', 'Sources', 'source'],
    ['languages', 'Languages', 'language'],
  ];
  const FACET_PARAM = FACETS.map((f) => f[0]).concat('dates').join(',');
  const FILTER_PARAMS = ['entity', 'topic', 'country', 'source', 'language', 'from', 'to', 'bbox'];
  const FILTER_LABELS = { topic: 'Topic', country: 'Country', source: 'Source', language: 'Language', from: 'From', to: 'To', bbox: 'Area' };
  const TYPE_LABELS = { PERSON: 'Person', ORGANIZATION: 'Organisation', LOCATION: 'Place', MISC: 'Other' };
  const SIZE = 10;
  const MAX_DEPTH = 10000;

  const $ = (id) => document.getElementById(id);
  let seq = 0; // the newest request; answers to older ones are dropped
  // topicLabels maps a medtop code to its label: the IPTC Media Topics top level, and what
  // the hits say about deeper codes.
  const topicLabels = new Map([
    ['01000000', 'arts, culture, entertainment and media'], ['02000000', 'crime, law and justice'],
    ['03000000', 'disaster, accident and emergency incident'], ['04000000', 'economy, business and finance'],
    ['05000000', 'education'], ['06000000', 'environment'], ['07000000', 'health'], ['08000000', 'human interest'],
    ['09000000', 'labour'], ['10000000', 'lifestyle and leisure'], ['11000000', 'politics'], ['12000000', 'religion'],
    ['13000000', 'science and technology'], ['14000000', 'society'], ['15000000', 'sport'],
    ['16000000', 'conflict, war and peace'], ['17000000', 'weather'],
  ].map(([code, label]) => ['medtop:' + code, label]));
  let lastSearch = '#/'; // the search the article view links back to

  const regionNames = displayNames('region');
  const languageNames = displayNames('language');
  function displayNames(type) {
    try {
      return new Intl.DisplayNames(['en'], { type });
    } catch (e) {
      return null;
    }
  }
  function nameOf(names, code) {
    try {
      return (names && names.of(code)) || code;
    } catch (e) {
      return code;
    }
  }

  // el builds an element: attrs are attributes (text: textContent, on: click handler),
  // children are nodes or strings (made text nodes).
  function el(tag, attrs, ...children) {
    const n = document.createElement(tag);
    setAttrs(n, attrs);
    for (const c of children) {
      if (c !== null && c !== undefined) n.append(c);
    }
    return n;
  }
  function svg(tag, attrs, ...children) {
    const n = document.createElementNS('http://www.w3.org/2000/svg', tag);
    setAttrs(n, attrs);
    for (const c of children) n.append(c);
    return n;
  }
  function setAttrs(n, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') n.textContent = v;
      else if (k === 'on') n.addEventListener('click', v);
      else if (v !== null && v !== undefined && v !== false) n.setAttribute(k, v === true ? '' : String(v));
    }
  }

  // ---- routing ----

  function hashParams() {
    const h = location.hash;
    const i = h.indexOf('?');
    return new URLSearchParams(i >= 0 ? h.slice(i + 1) : '');
  }
  function go(params) {
    params.delete('page');
    location.hash = '#/?' + params.toString();
  }
  function route() {
    const m = /^#\/article\/(.+)$/.exec(location.hash);
    if (m) showArticle(decodeURIComponent(m[1]));
    else showSearch(hashParams());
  }

  // setState records on <body> whether the view of the current hash is rendered
  // (data-state="ready", data-rendered=the hash), so that scripts and tests can wait for it.
  function setState(state, hash) {
    document.body.dataset.state = state;
    document.body.dataset.rendered = hash;
  }
  function showError(msg) {
    const e = $('error');
    e.textContent = msg || '';
    e.hidden = !msg;
  }

  async function getJSON(url) {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      // a non-JSON answer: reported below with the status
    }
    if (!res.ok) {
      const why = body && body.error ? body.error : res.status + ' ' + res.statusText;
      throw new Error(why);
    }
    return body;
  }

  // ---- search ----

  async function showSearch(params) {
    const my = ++seq;
    const hash = location.hash;
    lastSearch = hash || '#/';
    $('article-view').hidden = true;
    $('search-view').hidden = false;
    $('q').value = params.get('q') || '';
    $('sort').value = params.get('sort') || '';
    setState('loading', hash);
    const api = new URLSearchParams(params);
    api.set('facets', FACET_PARAM);
    if (!api.has('size')) api.set('size', String(SIZE));
    try {
      const data = await getJSON('/api/search?' + api.toString());
      if (my !== seq) return;
      showError('');
      renderSearch(params, data);
      setState('ready', hash);
    } catch (e) {
      if (my !== seq) return;
      showError('Search failed: ' + e.message);
      // Keep the filters removable (one of them may be the cause) and drop stale hits.
      renderActive(params);
      for (const id of ['facets', 'timeline', 'results', 'pager']) $(id).replaceChildren();
      $('summary').textContent = '';
      setState('error', hash);
    }
  }

  function renderSearch(params, data) {
    for (const h of data.hits) {
      for (const t of h.topics || []) topicLabels.set(t.code, t.label);
    }
    renderActive(params);
    renderFacets(params, data.facets || {});
    renderTimeline(params, data.dates || []);
    const shown = data.hits.length;
    $('summary').textContent = data.total === 0
      ? 'No articles match.'
      : `${data.total.toLocaleString('en')} article${data.total === 1 ? '' : 's'}` +
        (shown ? `, showing ${data.from + 1}–${data.from + shown}` : '') +
        ` · ${data.took_ms} ms`;
    $('results').replaceChildren(...data.hits.map(renderHit));
    renderPager(params, data);
  }

  function filterLabel(name, value) {
    if (name === 'entity') {
      const i = value.indexOf(':');
      const type = i > 0 ? value.slice(0, i) : '';
      if (TYPE_LABELS[type]) return [TYPE_LABELS[type], value.slice(i + 1)];
      return ['Entity', value];
    }
    if (name === 'country') return [FILTER_LABELS[name], nameOf(regionNames, value)];
    if (name === 'language') return [FILTER_LABELS[name], nameOf(languageNames, value)];
    if (name === 'topic') return [FILTER_LABELS[name], topicLabels.get(value) || value];
    return [FILTER_LABELS[name] || name, value];
  }

  function withoutValue(params, name, value) {
    const p = new URLSearchParams(params);
    const keep = p.getAll(name).filter((v) => v !== value);
    p.delete(name);
    for (const v of keep) p.append(name, v);
    return p;
  }

  function renderActive(params) {
    const chips = [];
    for (const name of FILTER_PARAMS) {
      for (const value of params.getAll(name)) {
        const [label, shown] = filterLabel(name, value);
        chips.push(el('button', {
          class: 'chip', type: 'button', 'data-param': name, 'data-value': value,
          title: 'Remove this filter', on: () => go(withoutValue(params, name, value)),
        }, el('span', { class: 'chip-kind', text: label + ': ' }), shown, el('span', { class: 'chip-x', text: ' ×' })));
      }
    }
    if (chips.length > 1) {
      const cleared = new URLSearchParams(params);
      for (const n of FILTER_PARAMS) cleared.delete(n);
      chips.push(el('button', { class: 'chip chip-clear', type: 'button', text: 'clear all', on: () => go(cleared) }));
    }
    $('active-filters').replaceChildren(...chips);
  }

  function renderFacets(params, facets) {
    const groups = [];
    for (const [name, heading, param, type] of FACETS) {
      const values = facets[name];
      if (!values || values.length === 0) continue;
      const active = new Set(params.getAll(param));
      const items = values.map((fv) => {
        const filter = type ? type + ':' + fv.value : fv.value;
        const isActive = active.has(filter);
        let shown = fv.value;
        if (name === 'countries') shown = nameOf(regionNames, fv.value);
        else if (name === 'languages') shown = nameOf(languageNames, fv.value);
        else if (name === 'topics') shown = topicLabels.get(fv.value) || fv.value;
        const click = () => {
          if (isActive) return go(withoutValue(params, param, filter));
          const p = new URLSearchParams(params);
          p.append(param, filter);
          go(p);
        };
        return el('li', null, el('button', {
          class: 'facet-value' + (isActive ? ' active' : ''), type: 'button',
          'data-facet': name, 'data-value': fv.value, title: isActive ? 'Remove this filter' : 'Filter on this',
          on: click,
        }, el('span', { class: 'facet-name', text: shown }), el('span', { class: 'facet-count', text: fv.count.toLocaleString('en') })));
      });
      groups.push(el('section', { class: 'facet', 'data-facet': name }, el('h3', { text: heading }), el('ul', null, ...items)));
    }
    $('facets').replaceChildren(...groups);
  }

  // renderTimeline draws the date histogram as SVG bars; a click on a bar filters to its span.
  function renderTimeline(params, buckets) {
    const box = $('timeline');
    if (buckets.length < 2) {
      box.replaceChildren();
      return;
    }
    const W = 600, H = 60;
    const max = Math.max(1, ...buckets.map((b) => b.count));
    const bw = W / buckets.length;
    const starts = buckets.map((b) => Date.parse(b.start));
    const step = starts[1] - starts[0];
    const bars = buckets.map((b, i) => {
      const h = b.count ? Math.max(2, (b.count / max) * (H - 4)) : 0;
      const label = `${b.start.slice(0, 10)}: ${b.count}`;
      return svg('rect', {
        x: (i * bw + 0.5).toFixed(2), y: (H - h).toFixed(2), width: Math.max(1, bw - 1).toFixed(2), height: h.toFixed(2),
        class: 'bar', 'data-start': b.start,
      }, svg('title', { text: label }));
    });
    const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': 'Articles over time' }, ...bars);
    chart.addEventListener('click', (ev) => {
      const bar = ev.target.closest('rect.bar');
      if (!bar) return;
      const i = bars.indexOf(bar);
      const p = new URLSearchParams(params);
      p.set('from', new Date(starts[i]).toISOString().replace('.000Z', 'Z'));
      // The API's range is from <= date < to: the next bucket's start ends this one.
      p.set('to', new Date(i + 1 < starts.length ? starts[i + 1] : starts[i] + step).toISOString().replace('.000Z', 'Z'));
      go(p);
    });
    box.replaceChildren(chart, el('div', { class: 'axis' },
      el('span', { text: buckets[0].start.slice(0, 10) }), el('span', { text: buckets[buckets.length - 1].start.slice(0, 10) })));
  }

  function formatDate(s) {
    if (!s) return '';
    const d = new Date(s);
    return isNaN(d) ? '' : d.toISOString().slice(0, 10);
  }

  function renderHit(h) {
    const meta = [h.source, formatDate(h.published_at), h.language && nameOf(languageNames, h.language),
      (h.countries || []).map((c) => nameOf(regionNames, c)).join(', ')].filter(Boolean).join(' · ');
    return el('li', { class: 'hit', 'data-id': h.id },
      el('a', { class: 'hit-title', href: '#/article/' + encodeURIComponent(h.id), text: h.title || '(untitled)' }),
      el('div', { class: 'meta', text: meta }),
      ...(h.snippets || []).map((s) => el('p', { class: 'snippet' }, markedText(s))),
      el('div', { class: 'tags' },
        ...(h.topics || []).map((t) => el('span', { class: 'tag', title: t.code, text: t.label || t.code })),
        h.duplicates ? el('span', { class: 'dups', text: `+${h.duplicates} near-cop${h.duplicates === 1 ? 'y' : 'ies'}` }) : null));
  }

  // markedText turns an API snippet (escaped text with <mark> tags) into text nodes and
  // <mark> elements: nothing else in it can become markup.
  function markedText(s) {
    const frag = document.createDocumentFragment();
    let mark = null;
    for (const part of s.split(/(<\/?mark>)/)) {
      if (part === '<mark>') {
        mark = el('mark');
        frag.append(mark);
      } else if (part === '</mark>') {
        mark = null;
      } else if (part) {
        (mark || frag).append(unescapeHTML(part));
      }
    }
    return frag;
  }
  const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  function unescapeHTML(s) {
    return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (m, e) => {
      if (e[0] !== '#') return NAMED[e.toLowerCase()];
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    });
  }

  function renderPager(params, data) {
    const page = data.page || 1;
    const size = data.size || SIZE;
    const last = Math.max(1, Math.ceil(Math.min(data.total, MAX_DEPTH) / size));
    const to = (n) => {
      const p = new URLSearchParams(params);
      if (n > 1) p.set('page', String(n));
      else p.delete('page');
      return '#/?' + p.toString();
    };
    const parts = [];
    if (page > 1) parts.push(el('a', { class: 'prev', href: to(page - 1), text: '← previous' }));
    if (data.total > 0) parts.push(el('span', { class: 'page', text: `page ${page} of ${last.toLocaleString('en')}` }));
    if (page < last) parts.push(el('a', { class: 'next', href: to(page + 1), text: 'next →' }));
    $('pager').replaceChildren(...parts);
  }

  // ---- article ----

  async function showArticle(id) {
    const my = ++seq;
    const hash = location.hash;
    $('search-view').hidden = true;
    const view = $('article-view');
    view.hidden = false;
    setState('loading', hash);
    try {
      const a = await getJSON('/api/articles/' + encodeURIComponent(id));
      if (my !== seq) return;
      showError('');
      view.replaceChildren(...renderArticle(a));
      window.scrollTo(0, 0);
      setState('ready', hash);
    } catch (e) {
      if (my !== seq) return;
      view.replaceChildren();
      showError('Cannot open the article: ' + e.message);
      setState('error', hash);
    }
  }

  function searchFor(param, value) {
    const p = new URLSearchParams();
    p.append(param, value);
    return '#/?' + p.toString();
  }

  function renderArticle(a) {
    const meta = [a.source, formatDate(a.published_at), a.language && nameOf(languageNames, a.language),
      (a.authors || []).join(', ')].filter(Boolean).join(' · ');
    const main = el('article', { class: 'article' },
      el('p', null, el('a', { class: 'back', href: lastSearch, text: '← back to search' })),
      el('h1', { text: a.title || '(untitled)' }),
      el('div', { class: 'meta', text: meta }),
      safeLink(a.url),
      legend(),
      el('div', { id: 'article-body', class: 'body' }, bodyWithMentions(a.body || '', a.entities || [])));
    const side = el('aside', { class: 'article-side' },
      entityList(a.entities || []), placeList(a.places || []), topicList(a.topics || []));
    return [el('div', { class: 'article-layout' }, main, side)];
  }

  function safeLink(url) {
    if (!url || !/^https?:\/\//i.test(url)) return null;
    return el('p', { class: 'source-link' }, el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', text: 'Read at the source ↗' }));
  }

  function typeClass(type) {
    return TYPE_LABELS[type] ? type.toLowerCase() : 'misc';
  }

  function legend() {
    return el('div', { class: 'legend', 'aria-label': 'Entity colours' },
      ...Object.entries(TYPE_LABELS).map(([type, label]) => el('span', { class: 'ent ent-' + typeClass(type), text: label })));
  }

  // bodyWithMentions highlights every mention. Offsets are UTF-8 byte offsets, and JavaScript
  // strings are UTF-16, so the body is encoded to bytes and each piece decoded back. A mention
  // whose offsets are out of range, cut a character, or overlap an earlier one is skipped
  // rather than shifting every highlight after it.
  function bodyWithMentions(body, entities) {
    const bytes = new TextEncoder().encode(body);
    const strict = new TextDecoder('utf-8', { fatal: true });
    const spans = [];
    for (const e of entities) {
      for (const m of e.mentions || []) {
        if (Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.start < m.end && m.end <= bytes.length) {
          spans.push({ start: m.start, end: m.end, type: e.type, name: e.name });
        }
      }
    }
    spans.sort((x, y) => x.start - y.start || y.end - x.end);
    const frag = document.createDocumentFragment();
    let cursor = 0;
    for (const s of spans) {
      if (s.start < cursor) continue;
      let text;
      try {
        text = strict.decode(bytes.subarray(s.start, s.end)); // throws unless both ends are character boundaries
      } catch (err) {
        continue;
      }
      frag.append(strict.decode(bytes.subarray(cursor, s.start)));
      frag.append(el('a', {
        class: 'ent ent-' + typeClass(s.type), href: searchFor('entity', s.type + ':' + s.name),
        title: (TYPE_LABELS[s.type] || s.type) + ': ' + s.name, 'data-type': s.type, 'data-name': s.name, text,
      }));
      cursor = s.end;
    }
    frag.append(strict.decode(bytes.subarray(cursor)));
    return frag;
  }

  function entityList(entities) {
    if (entities.length === 0) return null;
    const byType = new Map();
    for (const e of entities) {
      if (!byType.has(e.type)) byType.set(e.type, []);
      byType.get(e.type).push(e);
    }
    const sections = [];
    for (const type of Object.keys(TYPE_LABELS).concat([...byType.keys()].filter((t) => !TYPE_LABELS[t]))) {
      const list = byType.get(type);
      if (!list) continue;
      list.sort((x, y) => (y.salience || 0) - (x.salience || 0) || (y.count || 0) - (x.count || 0));
      sections.push(el('h4', { text: TYPE_LABELS[type] || type }), el('ul', { class: 'entities' },
        ...list.map((e) => el('li', null,
          el('a', { class: 'ent ent-' + typeClass(e.type), href: searchFor('entity', e.type + ':' + e.name), text: e.name }),
          el('span', { class: 'facet-count', text: String(e.count || (e.mentions || []).length) })))));
    }
    return el('section', { class: 'side-block' }, el('h3', { text: 'Entities' }), ...sections);
  }

  function placeList(places) {
    const located = places.filter((p) => p.location && isFinite(p.location.lat) && isFinite(p.location.lon));
    if (places.length === 0) return null;
    const rows = places.map((p) => el('tr', null,
      el('td', null, el('a', { href: searchFor('entity', 'LOCATION:' + p.name), text: p.name })),
      el('td', { text: p.kind || '' }),
      el('td', { title: nameOf(regionNames, p.country_code), text: p.country_code || '' }),
      el('td', { class: 'num', text: p.location ? p.location.lat.toFixed(4) : '' }),
      el('td', { class: 'num', text: p.location ? p.location.lon.toFixed(4) : '' })));
    return el('section', { class: 'side-block places' }, el('h3', { text: 'Places' }),
      located.length ? worldPlot(located) : null,
      el('table', null,
        el('thead', null, el('tr', null, ...['Place', 'Kind', 'Country', 'Lat', 'Lon'].map((h) => el('th', { text: h })))),
        el('tbody', null, ...rows)));
  }

  // worldPlot draws the places on an equirectangular grid: no tiles, no network.
  function worldPlot(places) {
    const lines = [];
    for (let lon = -150; lon <= 150; lon += 30) lines.push(svg('line', { x1: lon, y1: -90, x2: lon, y2: 90, class: lon === 0 ? 'axis-line' : 'grid' }));
    for (let lat = -60; lat <= 60; lat += 30) lines.push(svg('line', { x1: -180, y1: -lat, x2: 180, y2: -lat, class: lat === 0 ? 'axis-line' : 'grid' }));
    const dots = places.map((p) => svg('circle', { cx: p.location.lon.toFixed(3), cy: (-p.location.lat).toFixed(3), r: 4, class: 'dot' },
      svg('title', { text: `${p.name} (${p.location.lat.toFixed(2)}, ${p.location.lon.toFixed(2)})` })));
    return svg('svg', { class: 'world', viewBox: '-180 -90 360 180', role: 'img', 'aria-label': 'Places on a world grid' },
      svg('rect', { x: -180, y: -90, width: 360, height: 180, class: 'sea' }), ...lines, ...dots);
  }

  function topicList(topics) {
    if (topics.length === 0) return null;
    return el('section', { class: 'side-block' }, el('h3', { text: 'Topics' }), el('ul', { class: 'topics' },
      ...topics.map((t) => el('li', null,
        el('a', { href: searchFor('topic', t.code), title: t.code, text: t.label || t.code }),
        el('span', { class: 'facet-count', text: (t.score || 0).toFixed(2) })))));
  }

  // ---- start ----

  async function showStats() {
    try {
      const s = await getJSON('/api/stats');
      $('stats').textContent = `${s.documents.toLocaleString('en')} articles · ${s.sources.toLocaleString('en')} sources`;
    } catch (e) {
      $('stats').textContent = '';
    }
  }

  $('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = location.hash.startsWith('#/article/') ? new URLSearchParams() : hashParams();
    const q = $('q').value.trim();
    if (q) p.set('q', q);
    else p.delete('q');
    const sort = $('sort').value;
    if (sort) p.set('sort', sort);
    else p.delete('sort');
    p.delete('page');
    const target = '#/?' + p.toString();
    if (location.hash === target) route();
    else location.hash = target;
  });
  $('sort').addEventListener('change', () => $('search-form').requestSubmit());
  window.addEventListener('hashchange', route);
  showStats();
  route();
})();
