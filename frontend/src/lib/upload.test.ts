import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from './api';
import { uploadFile } from './upload';

// A real local HTTP server, so the XMLHttpRequest really sends multipart bodies and reads real answers.
// jsdom's page has another origin, and upload progress listeners make the request preflighted: allow it.
let server: Server;
let base: string;
let answer: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Accept' });
        res.end();
        return;
      }
      answer(req, Buffer.concat(chunks), res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('an upload posts the file as multipart field "file", reports progress and returns the stored files', async () => {
  let received = '';
  answer = (req, body, res) => {
    received = `${req.method} ${req.url} ${req.headers['content-type']} ${body.toString()}`;
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ files: [{ name: 'data.csv', size: 8, modified: 1 }] }));
  };
  const progress: number[] = [];
  const files = await uploadFile(`${base}/api/conversations/c1/files`, new File(['a,b\n1,2\n'], 'data.csv'), (p) => progress.push(p));
  expect(files).toEqual([{ name: 'data.csv', size: 8, modified: 1 }]);
  expect(received).toMatch(/^POST \/api\/conversations\/c1\/files multipart\/form-data/);
  expect(received).toContain('name="file"; filename="data.csv"');
  expect(received).toContain('a,b\n1,2\n');
  expect(progress.at(-1)).toBe(1);
});

test('a file past the size limit fails with the server\'s own message', async () => {
  answer = (_req, _body, res) => {
    res.writeHead(413, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ code: 'too_large:upload', message: 'big.bin is larger than the 100 MB limit.' }));
  };
  const failure = uploadFile(`${base}/x`, new File(['x'], 'big.bin'), () => {});
  await expect(failure).rejects.toBeInstanceOf(ApiError);
  await expect(failure).rejects.toMatchObject({ status: 413, code: 'too_large:upload', message: 'big.bin is larger than the 100 MB limit.' });
});

test('a 413 without a JSON body (a proxy, say) still says the file is too large', async () => {
  answer = (_req, _body, res) => {
    res.writeHead(413);
    res.end('Payload Too Large');
  };
  await expect(uploadFile(`${base}/x`, new File(['x'], 'big.bin'), () => {})).rejects.toMatchObject({
    code: 'too_large:upload',
    message: 'big.bin is larger than the server accepts.',
  });
});

test('a server that is gone gives a network error, not a hang', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await expect(uploadFile(`http://127.0.0.1:${port}/x`, new File(['x'], 'a.txt'), () => {})).rejects.toMatchObject({ code: 'network' });
});
