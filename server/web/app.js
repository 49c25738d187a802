// Winnow moderation view: posts the article to /v1/classify (UTF-16
// offsets, so the blocks are plain String.slice calls) and draws every
// block with its category. A page written by `winnow classify --format html`
// carries the response in <script id="winnow-data"> and needs no server.
'use strict';
(() => {
  const CATS = ['title', 'body', 'metadata', 'share', 'ad', 'related', 'navigation', 'comments', 'legal', 'other'];
  const NAMES = {
    title: 'Title', body: 'Body', metadata: 'Metadata', share: 'Share', ad: 'Ad', related: 'Related',
    navigation: 'Navigation', comments: 'Comments', legal: 'Legal', other: 'Other',
  };
  const $ = (id) => document.getElementById(id);
  let state = null; // {resp, blocks: [{b, cat, text, li, tag}], t0}
  let model = null; // GetModelResponse, when known

  const enumName = (v, prefix) => String(v || '').replace(prefix, '').toLowerCase();
  const catOf = (b) => enumName(b.category, 'CATEGORY_') || 'other';
  const num = (x) => Number(x || 0); // int64 arrive as JSON strings
  const pct = (x) => (100 * x).toFixed(1) + '%';

  function el(tag, props, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const k of kids) if (k != null) e.append(k);
    return e;
  }

  function setStatus(msg, isError) {
    const s = $('status');
    s.textContent = msg;
    s.classList.toggle('error', !!isError);
  }

  function buildLegend(counts) {
    const ul = $('legend');
    ul.replaceChildren();
    for (const c of CATS) {
      const n = counts ? counts[c] || 0 : null;
      ul.append(el('li', { class: 'cat-' + c }, el('span', { class: 'swatch', 'aria-hidden': 'true' }),
        NAMES[c], n == null ? null : el('span', { class: 'count', text: '(' + n + ')' })));
    }
  }

  function base64(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }

  // errorText renders a google.rpc.Status (the gateway's error body).
  function errorText(st, httpStatus) {
    let msg = (st && st.message) || ('HTTP ' + httpStatus);
    const parts = [];
    for (const d of (st && st.details) || []) {
      for (const v of d.fieldViolations || []) parts.push(v.field + ': ' + v.description);
    }
    if (parts.length) msg = parts.join('; ');
    return 'The server refused the article (' + httpStatus + '): ' + msg;
  }

  async function submit(ev) {
    ev.preventDefault();
    const file = $('file').files[0];
    const mode = document.querySelector('input[name=mode]:checked').value;
    let bytes, mediaType = '', id;
    if (file) {
      bytes = new Uint8Array(await file.arrayBuffer());
      mediaType = file.type || '';
      id = file.name;
    } else {
      const t = $('doc').value;
      if (!t.trim()) { setStatus('Paste an article or choose a file first.', true); return; }
      bytes = new TextEncoder().encode(t);
      id = 'pasted';
    }
    if (mode === 'html') mediaType = 'text/html' + (file ? '' : '; charset=utf-8');
    if (mode === 'text') mediaType = 'text/plain' + (file ? '' : '; charset=utf-8');
    const title = $('title').value.trim();
    const body = {
      document: Object.assign({ id, raw: { data: base64(bytes), mediaType } }, title ? { title } : {}),
      options: { explain: true, maxExplainFeatures: 6, includeText: true, offsetEncoding: 'OFFSET_ENCODING_UTF16' },
    };
    $('go').disabled = true;
    setStatus('Classifying…');
    try {
      const r = await fetch('v1/classify', { method: 'POST', headers: headers(), body: JSON.stringify(body) });
      const j = await r.json().catch(() => null);
      if (r.status === 401) {
        $('auth').open = true;
        setStatus('This server requires an API token: enter it under "API token" and classify again.', true);
        return;
      }
      if (!r.ok) { setStatus(errorText(j, r.status), true); return; }
      if (!model) {
        // the model's default threshold for the slider; without it the
        // slider starts between the labels
        const m = await fetch('v1/model', { headers: headers() }).catch(() => null);
        if (m && m.ok) model = await m.json().catch(() => null);
      }
      setStatus(j.blocks.length + ' blocks.');
      show(j);
    } catch (e) {
      setStatus('Could not reach the server: ' + e.message, true);
    } finally {
      $('go').disabled = false;
    }
  }

  function headers() {
    const h = { 'Content-Type': 'application/json' };
    const t = $('token').value.trim();
    if (t) h.Authorization = 'Bearer ' + t;
    return h;
  }

  function tip(b, c, id) {
    const t = el('div', { class: 'tip', role: 'tooltip', id });
    t.append(el('div', { text: NAMES[c] + ' · ' + enumName(b.label, 'LABEL_') + ' · score ' + num(b.score).toFixed(3) +
      ' · P(content) ' + num(b.contentProbability).toFixed(3) }));
    const feats = b.explanation || [];
    if (feats.length) {
      const ul = el('ul');
      for (const f of feats) {
        const w = num(f.weight);
        ul.append(el('li', {}, el('span', { class: w >= 0 ? 'w-pos' : 'w-neg', text: (w >= 0 ? '+' : '') + w.toFixed(2) + ' ' }),
          el('span', { class: 'feat', dir: 'auto', text: f.feature })));
      }
      t.append(el('div', { text: 'Features that weighed most (for + / against −):' }), ul);
    }
    if (b.elementPath) t.append(el('div', { text: 'Element: ' + b.elementPath }));
    return t;
  }

  function show(resp) {
    const text = resp.text || '';
    const t0 = model && model.defaultThreshold ? num(model.defaultThreshold) : guessThreshold(resp);
    const ol = $('blocks');
    ol.replaceChildren();
    const blocks = [];
    const counts = {};
    (resp.blocks || []).forEach((b, i) => {
      const c = catOf(b);
      counts[c] = (counts[c] || 0) + 1;
      const s = text.slice(num(b.start), num(b.end));
      const tag = el('span', { class: 'tag', text: NAMES[c] });
      const li = el('li', { class: 'blk cat-' + c, tabindex: '0', 'data-category': c, 'data-label': enumName(b.label, 'LABEL_'), 'aria-describedby': 'tip' + i },
        tag, el('span', { class: 'txt', dir: 'auto', text: s }), tip(b, c, 'tip' + i));
      li.addEventListener('keydown', (e) => { if (e.key === 'Escape') li.classList.add('hidetip'); });
      li.addEventListener('blur', () => li.classList.remove('hidetip'));
      li.addEventListener('mouseleave', () => li.classList.remove('hidetip'));
      ol.append(li);
      blocks.push({ b, c, text: s, li, tag });
    });
    state = { resp, blocks, t0 };
    buildLegend(counts);
    verdict(resp, counts);
    $('threshold').value = t0;
    relabel();
    $('result').hidden = false;
  }

  // guessThreshold: without the model's default (a static page from an
  // older CLI), the cut between the content and boilerplate blocks.
  function guessThreshold(resp) {
    let lo = 0, hi = 1;
    for (const b of resp.blocks || []) {
      const p = num(b.contentProbability);
      if (b.label === 'LABEL_CONTENT') hi = Math.min(hi, p); else lo = Math.max(lo, p);
    }
    return lo < hi ? Math.round(((lo + hi) / 2) * 100) / 100 : 0.5;
  }

  function verdict(resp, counts) {
    const s = resp.summary || {};
    const dl = $('verdict');
    dl.replaceChildren();
    const row = (k, v, flag) => dl.append(el('dt', { text: k }), el('dd', { class: flag ? 'flag' : '', text: v }));
    const adsIn = !!s.adsInBody, relIn = !!s.relatedInBody;
    const ads = counts.ad || 0, rel = counts.related || 0;
    const h = $('headline');
    if (adsIn || relIn) {
      h.textContent = 'Review: ' + [adsIn && 'ads', relIn && 'related links'].filter(Boolean).join(' and ') + ' inside the article body.';
      h.className = 'warn';
    } else if (resp.hasArticle === false) {
      h.textContent = 'Review: the model found no article on this page.';
      h.className = 'warn';
    } else {
      h.textContent = 'No ads or related links inside the body' + (ads + rel ? ' (' + ads + ' ad and ' + rel + ' related blocks around it).' : '.');
      h.className = '';
    }
    row('Boilerplate share', pct(num(s.boilerplateShare)) + ' of the text');
    row('Ads inside the body', adsIn ? 'yes' : 'no', adsIn);
    row('Related links inside the body', relIn ? 'yes' : 'no', relIn);
    if (resp.pageKind && resp.pageKind !== 'PAGE_KIND_UNSPECIFIED') row('Page kind', enumName(resp.pageKind, 'PAGE_KIND_'));
    if (typeof resp.hasArticle === 'boolean') row('Has an article', resp.hasArticle ? 'yes' : 'no', !resp.hasArticle);
    if (resp.title) row('Title', resp.title);
    row('Blocks', CATS.filter((c) => counts[c]).map((c) => NAMES[c] + ' ' + counts[c]).join(', ') || 'none');
    row('Read as', enumName(resp.mode, 'MODE_') + (resp.encoding ? ', ' + resp.encoding : '') + (resp.languageCode ? ', language ' + resp.languageCode : ''));
    row('Model', resp.modelVersion || '?');
    // the title and language are the page's own text
    for (const dd of dl.querySelectorAll('dd')) dd.setAttribute('dir', 'auto');
  }

  // relabel applies the threshold slider. At the model's default cut a
  // block is article content when the server labelled it so: its rules
  // (the article's region, the page's headline, a page with no article)
  // decide beyond the block's own probability. Away from it a block is
  // article content when its content probability reaches the threshold;
  // blocks whose label then differs from the server's are drawn dashed
  // and say so.
  function relabel() {
    const t = Number($('threshold').value);
    $('thv').textContent = t.toFixed(2);
    if (!state) return;
    const kept = [];
    let flips = 0;
    const atDefault = Math.abs(t - state.t0) < 0.005;
    for (const x of state.blocks) {
      const content = atDefault ? x.b.label === 'LABEL_CONTENT' : num(x.b.contentProbability) >= t;
      const orig = x.b.label === 'LABEL_CONTENT';
      const flip = content !== orig;
      if (flip) flips++;
      x.li.classList.toggle('flip', flip);
      x.li.classList.toggle('drop', !content);
      x.tag.textContent = NAMES[x.c] + (flip ? (content ? ' → kept' : ' → dropped') : '');
      if (content) kept.push(x.text);
    }
    $('clean').value = kept.join('\n');
    $('cutinfo').textContent = kept.length + ' of ' + state.blocks.length + ' blocks are article text at ' + t.toFixed(2) +
      ' (default ' + state.t0.toFixed(2) + (flips ? '; ' + flips + ' changed, drawn dashed' : '') + ').';
  }

  async function copyClean() {
    const ta = $('clean');
    try {
      await navigator.clipboard.writeText(ta.value);
    } catch (e) {
      ta.select();
      document.execCommand('copy');
    }
    $('copied').textContent = 'Copied.';
    setTimeout(() => { $('copied').textContent = ''; }, 2000);
  }

  function init() {
    buildLegend(null);
    $('threshold').addEventListener('input', relabel);
    $('copy').addEventListener('click', copyClean);
    const data = $('winnow-data');
    if (data) {
      document.body.classList.add('static');
      const d = JSON.parse(data.textContent);
      model = d.model || null;
      show(d.response);
      return;
    }
    $('input').addEventListener('submit', submit);
    $('file').addEventListener('change', () => { if ($('file').files.length) setStatus('File chosen: ' + $('file').files[0].name + ' (the text box is ignored).'); });

  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
