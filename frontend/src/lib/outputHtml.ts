import createDOMPurify, { type Config } from 'dompurify';

/**
 * How the page shows a kernel's text/html output:
 * - inline: sanitised, as DOM nodes (never a string parsed again, so no mutation-XSS on the way back in);
 * - frame: the HTML uses script (plotly, bokeh, widgets' static views), so it keeps a frame with sandbox="",
 *   where its script does not run either but its <noscript> fallbacks show, as before.
 */
export type HtmlOutput = { kind: 'inline'; fragment: DocumentFragment } | { kind: 'frame' };

// An instance of our own: its configuration and hooks touch nobody else's sanitising.
const purifier = createDOMPurify(window);

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  RETURN_DOM_FRAGMENT: true,
  // pandas' Styler starts with <style>, which a parser would move into a <head> that sanitising drops.
  FORCE_BODY: true,
  // Forms could ask for a password in the page's own look; media and image maps load or navigate.
  FORBID_TAGS: ['form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'fieldset',
    'audio', 'video', 'source', 'track', 'picture', 'area', 'map', 'dialog', 'template', 'slot'],
  // Every attribute that names something to fetch or to navigate to; <img src> is checked below.
  FORBID_ATTR: ['href', 'xlink:href', 'action', 'formaction', 'srcset', 'ping', 'background', 'poster',
    'lowsrc', 'dynsrc', 'usemap', 'target'],
};

const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i;
// Ways CSS fetches without url(), or could spell url() with an escape; legacy script bindings too.
const CSS_FETCH = /@import|@font-face|image-set\(|image\(|cross-fade\(|element\(|src\(|expression\(|-moz-binding|behavior\s*:|\\/i;
const CSS_URL = /url\(\s*['"]?\s*([^'")\s]*)/gi;

/** Whether CSS text (a style sheet, a style attribute, an SVG presentation attribute) would fetch anything. */
export function cssFetches(css: string): boolean {
  if (CSS_FETCH.test(css)) return true;
  // url() may point into the document (SVG gradients: url(#g)) or hold a data: image; nothing else.
  return [...css.matchAll(CSS_URL)].some(([, target]) => !target.startsWith('#') && !DATA_IMAGE.test(target));
}

export function htmlOutput(html: string): HtmlOutput {
  const fragment = purifier.sanitize(html, CONFIG);
  if (purifier.removed.some((r) => 'element' in r && r.element.nodeName.toLowerCase() === 'script')) {
    return { kind: 'frame' };
  }
  removeFetches(fragment);
  return { kind: 'inline', fragment };
}

/**
 * What DOMPurify keeps may still load from elsewhere: an <img> of any address, CSS with url(). The page's CSP
 * blocks those too; this keeps them from being tried at all, and from counting on the CSP alone.
 */
function removeFetches(fragment: DocumentFragment) {
  for (const el of [...fragment.querySelectorAll('*')]) {
    if (el.localName === 'img' && !DATA_IMAGE.test(el.getAttribute('src') ?? '')) {
      el.remove();
      continue;
    }
    if (el.localName === 'style' && cssFetches(el.textContent ?? '')) {
      el.remove();
      continue;
    }
    // SVG reads its presentation attributes (fill, filter, mask…) as CSS; HTML only its style attribute.
    const css = el.namespaceURI === 'http://www.w3.org/2000/svg' ? [...el.attributes] : [el.getAttributeNode('style')];
    for (const attr of css) if (attr && cssFetches(attr.value)) el.removeAttribute(attr.name);
  }
}
