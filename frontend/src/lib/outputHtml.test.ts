import { cssFetches, htmlOutput } from './outputHtml';

/** The inline result in a container, as the page shows it. Fails when the HTML was sent to a frame. */
function inline(html: string): HTMLElement {
  const shown = htmlOutput(html);
  if (shown.kind !== 'inline') throw new Error(`expected inline, got ${shown.kind}`);
  const box = document.createElement('div');
  box.append(shown.fragment);
  return box;
}

/** Everything in a rendered output that could run script or fetch from elsewhere, described. */
function hazards(root: ParentNode): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.localName === 'script') found.push('a script element');
    if (['iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'link', 'meta', 'base'].includes(el.localName)) {
      found.push(`a <${el.localName}>`);
    }
    const dataImage = el.localName === 'img' && /^data:image\//.test(el.getAttribute('src') ?? '');
    if (el.localName === 'img' && !dataImage) found.push('an image from elsewhere');
    if (el.localName === 'style' && cssFetches(el.textContent ?? '')) found.push(`CSS that fetches: ${el.textContent}`);
    for (const { name, value } of el.attributes) {
      const compact = value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`a handler ${name}`);
      if (/^(java|vb)script:/.test(compact)) found.push(`a script URL in ${name}`);
      if (/href|src|action|^data$|poster|background/.test(name) && !(dataImage && name === 'src')) {
        found.push(`an address in ${name}`);
      }
      if (cssFetches(value) && /url\(|image|import|\\/i.test(value)) found.push(`CSS that fetches in ${name}: ${value}`);
    }
  }
  return found;
}

/** Inert as shown, and still inert if its markup were ever parsed again (where mutation XSS strikes). */
function expectInert(html: string) {
  const box = inline(html);
  expect(hazards(box)).toEqual([]);
  const reparsed = document.createElement('div');
  reparsed.innerHTML = box.innerHTML;
  expect(hazards(reparsed)).toEqual([]);
}

const PANDAS = `<div>
<style scoped>
    .dataframe tbody tr th:only-of-type { vertical-align: middle; }
    .dataframe thead th { text-align: right; }
</style>
<table border="1" class="dataframe">
  <thead><tr style="text-align: right;"><th></th><th>n</th><th>label</th></tr></thead>
  <tbody><tr><th>0</th><td>1</td><td>a</td></tr><tr><th>1</th><td>2</td><td>b</td></tr></tbody>
</table>
</div>`;

test('a pandas DataFrame is shown inline, with its classes, its style sheet and every cell', () => {
  const box = inline(PANDAS);
  const table = box.querySelector('table.dataframe')!;
  expect(table).not.toBeNull();
  expect(table.querySelectorAll('tbody td')).toHaveLength(4);
  expect(table.querySelector('thead tr')).toHaveAttribute('style', 'text-align: right;');
  expect(box.querySelector('style')?.textContent).toContain('vertical-align: middle');
});

test("a Styler table's leading style sheet survives (a parser would hoist it into a dropped <head>)", () => {
  const box = inline('<style type="text/css">#T_ab_row0_col0 { background-color: #fde725; }</style>'
    + '<table id="T_ab"><tr><td id="T_ab_row0_col0">1</td></tr></table>');
  expect(box.querySelector('style')?.textContent).toContain('#fde725');
  expect(box.querySelector('#T_ab_row0_col0')).toHaveTextContent('1');
});

test.each([
  ['a script element', '<div id="plot"></div><script>Plotly.newPlot("plot", [])</script>'],
  ['a script in SVG', '<svg><script>alert(1)</script><circle r="2"/></svg>'],
  ['a script among a table', '<table><tr><td>1</td></tr></table><script src="https://cdn.example/bokeh.js"></script>'],
])('HTML that uses script (%s) keeps a sandboxed frame', (_, html) => {
  expect(htmlOutput(html).kind).toBe('frame');
});

test.each([
  ['an onerror image', '<img src=x onerror="alert(1)">'],
  ['handlers on table cells', '<table><tr><td onclick="alert(1)" onmouseover="alert(2)">1</td></tr></table>'],
  ['an SVG onload', '<svg onload="alert(1)"><rect width="4" height="4"/></svg>'],
  ['a javascript: link', '<a href="javascript:alert(1)">x</a>'],
  ['a javascript: link with a tab and entities', '<a href="jav&#x09;ascript&colon;alert(1)">x</a>'],
  ['an SVG xlink:href', '<svg><a xlink:href="javascript:alert(1)"><text x="1" y="9">x</text></a></svg>'],
  ['a MathML href', '<math href="javascript:alert(1)"><mi>x</mi></math>'],
  ['a form action and formaction', '<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">go</button></form>'],
  ['a frame', '<iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['object and embed', '<object data="javascript:alert(1)"></object><embed src="javascript:alert(2)">'],
  ['a meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['an SVG animation that sets href', '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text y="9">x</text></a></svg>'],
  ['an SVG set', '<svg><set attributeName="onmouseover" to="alert(1)"/></svg>'],
])('%s comes out inert', (_, html) => {
  expectInert(html);
});

test.each([
  ['svg, </p> and a style (DOMPurify 2.0.0)', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'],
  ['math, mglyph and a style comment (DOMPurify 2.0.17)',
    '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">'],
  ['nested forms that move a style into MathML', '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>'],
  ['a title in noscript', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ['a textarea closing early', '<textarea></textarea><img src=x onerror=alert(1)></textarea>'],
  ['an svg foreignObject', '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>'],
  ['a style in svg holding markup', '<svg><style><img src=x onerror=alert(1)></style></svg>'],
  ['a comment that ends in an attribute', '<div title="--><img src=x onerror=alert(1)>"><!--x--></div>'],
  ['a CDATA section in svg', '<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>'],
  ['a template', '<template><img src=x onerror=alert(1)></template>'],
])('mutation XSS classic: %s', (_, html) => {
  expectInert(html);
});

test.each([
  ['a background url()', '<div style="background:url(http://127.0.0.1:9/leak.png)">x</div>'],
  ['a quoted, spaced URL()', '<div style="background-image: URL( \'//127.0.0.1:9/leak.png\' )">x</div>'],
  ['an escaped url', '<div style="background:u\\72l(http://127.0.0.1:9/leak.png)">x</div>'],
  ['image-set', '<div style="background-image:image-set(\'http://127.0.0.1:9/a.png\' 1x)">x</div>'],
  ['a style sheet with url()', '<style>td { background: url(https://evil.example/track?d=1) }</style><table><tr><td>1</td></tr></table>'],
  ['an @import', '<style>@import "https://evil.example/x.css";</style><b>x</b>'],
  ['an @font-face', '<style>@font-face { font-family: x; src: url(https://evil.example/f.woff) }</style><b>x</b>'],
  ['svg, style and url() (the <svg><style> bypass)', '<svg><style>rect { fill: url(https://evil.example/p.svg#p) }</style><rect width="4" height="4"/></svg>'],
  ['an svg fill', '<svg><rect width="4" height="4" fill="url(https://evil.example/p.svg#p)"/></svg>'],
  ['an svg filter with an escape', '<svg><rect width="4" height="4" filter="u\\rl(https://evil.example/f.svg#f)"/></svg>'],
  ['an svg image', '<svg><image href="https://evil.example/a.png" width="4" height="4"/></svg>'],
  ['an svg feImage', '<svg><filter id="f"><feImage xlink:href="https://evil.example/a.png"/></filter></svg>'],
  ['a table background', '<table background="https://evil.example/a.png"><tr><td>1</td></tr></table>'],
  ['an image srcset', '<img src="data:image/png;base64,iVBORw0KGgo=" srcset="https://evil.example/a.png 2x">'],
  ['a remote image', '<img src="https://evil.example/a.png">'],
  ['a video poster', '<video poster="https://evil.example/a.png"></video>'],
  ['a stylesheet link', '<link rel="stylesheet" href="https://evil.example/x.css">'],
])('CSS and markup that would load from elsewhere are removed: %s', (_, html) => {
  expectInert(html);
});

test('what loads nothing stays: colours, in-document SVG references and data: images', () => {
  const box = inline('<div style="color: red; background: url(data:image/png;base64,iVBORw0KGgo=)">x</div>'
    + '<svg><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect fill="url(#g)" width="4" height="4"/></svg>'
    + '<img alt="plot" src="data:image/png;base64,iVBORw0KGgo=">');
  expect(box.querySelector('div')).toHaveAttribute('style', 'color: red; background: url(data:image/png;base64,iVBORw0KGgo=)');
  expect(box.querySelector('rect')).toHaveAttribute('fill', 'url(#g)');
  expect(box.querySelector('img')).toHaveAttribute('alt', 'plot');
});

test('links keep their text but go nowhere', () => {
  const box = inline('<a href="https://example.com/docs">the docs</a>');
  expect(box).toHaveTextContent('the docs');
  expect(box.querySelector('a')).not.toHaveAttribute('href');
});
