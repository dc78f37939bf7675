/**
 * The look of kernel HTML (pandas tables above all), the same inline and in a frame. Neither can use the page's
 * stylesheet (a shadow root and a frame both keep it out), so the colours are translucent greys that read in
 * light and dark themes alike.
 */
export const OUTPUT_HTML_CSS = `table{border-collapse:collapse;border:none;font-size:13px}
th,td{padding:3px 8px;border:none;border-bottom:1px solid #8884;text-align:right}
thead th{border-bottom:1px solid #888}tbody tr:nth-child(odd){background:#8881}`;
