// Escaping templates after plainvanilla's html.js: every interpolated value is encoded unless it
// is already an Html fragment, so user data only reaches innerHTML through `mount`.

class Html extends String {}

const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Marks a string as trusted markup; never pass it anything a user or the server supplied. */
export const htmlRaw = (markup) => new Html(markup);

/** Encodes one value; arrays join their encoded items, and null, undefined and false render nothing. */
const htmlEncode = (value) => {
  if (value instanceof Html) return value;
  if (value === null || value === undefined || value === false) return htmlRaw('');
  if (Array.isArray(value)) return htmlRaw(value.map((item) => htmlEncode(item)).join(''));
  return htmlRaw(String(value).replace(/[&<>"'`]/g, (ch) => entities[ch]));
};

/** The tagged template: html`<p>${name}</p>` yields an Html fragment with `name` escaped. */
export const html = (strings, ...values) => htmlRaw(String.raw({ raw: strings }, ...values.map(htmlEncode)));

/** Replaces an element's content; refuses plain strings so unescaped text cannot slip in. */
export function mount(element, fragment) {
  if (!(fragment instanceof Html)) throw new TypeError('mount() takes an html`` fragment');
  element.innerHTML = fragment.toString();
}
