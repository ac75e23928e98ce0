// Builds the page's DOM. Everything that comes from the registry goes in as text (node.append of strings, attribute
// values through setAttribute), never as HTML: a bucket description such as `<img src=x onerror=...>` shows as those
// characters and runs nothing.

/** An element with attributes (a function value listens to that event: `{ click: fn }`) and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** A link inside the page (`#/...`). */
export function link(path, ...children) {
  return el('a', { href: `#${path}` }, ...children);
}

/** A status as the API sends it (`VERSION_REVOKED`, `BUILD_DONE`, `UP_TO_DATE`), shown without its prefix, coloured by kind. */
export function statusBadge(status) {
  const text = String(status ?? 'UNKNOWN').replace(/^(VERSION|BUILD)_/, '');
  return el('span', { class: `status status-${text.toLowerCase().replace(/_/g, '-')}` }, text);
}

/** An RFC 3339 time as `2026-12-02 22:41:23 UTC` (empty for none). */
export function timeText(iso) {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return String(iso);
  return `${t.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A time as an element that keeps to one line. */
export function when(iso) {
  return el('time', { datetime: iso }, timeText(iso));
}

/** Labels as `key=value` chips; a dash for none. */
export function labelChips(labels) {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return el('span', { class: 'none' }, '—');
  return el('span', { class: 'chips' }, entries.map(([k, v]) => el('span', { class: 'chip' }, `${k}=${v}`)));
}

/** An identifier in monospace; `whole` keeps it on one line (short ones, such as a UUID). */
export function code(text, whole = false) {
  return el('code', { class: whole ? 'whole' : undefined }, text);
}

/** A table with a header row; `empty` is said in one row when there are no rows. A table wider than the page
 *  scrolls on its own instead of widening the page. */
export function table(headers, rows, empty, attrs = {}) {
  const head = el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h))));
  const body = rows.length === 0 ? [el('tr', {}, el('td', { colspan: headers.length, class: 'empty' }, empty))] : rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))));
  return el('div', { class: 'table-wrap' }, el('table', attrs, head, el('tbody', {}, body)));
}

/** A section with a heading. */
export function section(title, ...children) {
  return el('section', { 'aria-label': title }, el('h2', {}, title), ...children);
}

/** A definition list of [term, value] pairs, leaving out pairs whose value is empty. */
export function facts(pairs) {
  const shown = pairs.filter(([, v]) => v !== undefined && v !== null && v !== '');
  return el('dl', { class: 'facts' }, shown.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}
