/**
 * Removes a leftover ?token= from the address bar. The server already moved it into an HttpOnly cookie
 * and redirected; this covers a page that was reached some other way, so the secret does not linger in
 * history or get copied along with the URL.
 */
export function stripTokenFromAddress(location: Location, history: History): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}
