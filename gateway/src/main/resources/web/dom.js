// A tiny element builder: text always goes in as text, never as HTML.

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function table(headers, rows, attributes = {}) {
  return el('div', { class: 'scroll' }, el('table', attributes,
    el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows)));
}

export function money(value) {
  if (value === undefined || value === null) return '—';
  const number = Number(value);
  return number.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function signed(value) {
  if (value === undefined || value === null) return el('span', { class: 'muted' }, '—');
  const number = Number(value);
  return el('span', { class: number > 0 ? 'up' : number < 0 ? 'down' : '' }, (number > 0 ? '+' : '') + money(value));
}

export function field(label, input, errorId) {
  return el('label', {}, label, input, el('span', { class: 'error', id: errorId, 'aria-live': 'polite' }));
}
