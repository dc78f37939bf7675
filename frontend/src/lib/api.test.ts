import { api, ApiError, errorFromBody, fileUrl } from './api';

afterEach(() => vi.unstubAllGlobals());

test('a server error body becomes an ApiError with its code and message', () => {
  const e = errorFromBody(409, '{"code":"conflict:turn_running","message":"A turn is already running."}');
  expect(e).toMatchObject({ status: 409, code: 'conflict:turn_running', message: 'A turn is already running.' });
});

test('a body that is not the error shape falls back to the status', () => {
  expect(errorFromBody(502, '<html>Bad gateway</html>', 'Bad Gateway')).toMatchObject({
    code: 'http_502',
    message: 'The server answered 502 Bad Gateway.',
  });
});

test('requests carry the same-origin cookie and JSON, and errors are thrown as ApiError', async () => {
  const calls: Array<[string, RequestInit]> = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push([url, init]);
    return new Response(JSON.stringify({ code: 'not_found:conversation', message: 'No such conversation.' }), { status: 404 });
  });
  await expect(api.sendMessage('a/b', 'hi')).rejects.toMatchObject({ code: 'not_found:conversation', status: 404 });
  const [url, init] = calls[0];
  expect(url).toBe('/api/conversations/a%2Fb/messages');
  expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"text":"hi"}' });
});

test('204 answers resolve without a body', async () => {
  vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
  await expect(api.stop('c')).resolves.toBeUndefined();
});

test('an unreachable server is a network ApiError', async () => {
  vi.stubGlobal('fetch', async () => {
    throw new TypeError('Failed to fetch');
  });
  const failure = api.conversations();
  await expect(failure).rejects.toBeInstanceOf(ApiError);
  await expect(failure).rejects.toMatchObject({ code: 'network' });
});

test('file names are escaped in download addresses', () => {
  expect(fileUrl('c1', 'my data #1.csv')).toBe('/api/conversations/c1/files/my%20data%20%231.csv');
});

test('a transcript is asked for whole, or a page of it by limit and before', async () => {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url);
    return new Response('{}', { status: 200 });
  });
  await api.transcript('c1');
  await api.transcript('c1', { limit: 50 });
  await api.transcript('c1', { limit: 50, before: 'item/7' });
  expect(urls).toEqual(['/api/conversations/c1', '/api/conversations/c1?limit=50', '/api/conversations/c1?limit=50&before=item%2F7']);
});
