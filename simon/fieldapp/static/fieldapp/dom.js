/* Building the screens: nodes get their text through textContent, never from HTML strings,
   so nothing typed by anyone can turn into markup. The shell holds the <template>s. */

export function clone(id) {
  return document.getElementById(id).content.firstElementChild.cloneNode(true);
}

export function slot(root, name) {
  return root.querySelector(`[data-slot="${name}"]`);
}

export function fill(root, values) {
  for (const [name, value] of Object.entries(values)) {
    const node = slot(root, name);
    if (node) node.textContent = value ?? "";
  }
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

/* Fill a list (or show its 'empty' text); ``items`` are nodes. */
export function list(root, name, items) {
  const target = root.querySelector(`[data-list="${name}"]`);
  target.replaceChildren(...items);
  const empty = root.querySelector(`[data-empty="${name}"]`);
  if (empty) empty.hidden = items.length > 0;
  return target;
}
