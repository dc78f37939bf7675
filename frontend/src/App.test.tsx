import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { App } from './App';
import type { Conversation } from './lib/types';
import { FakeEventSource } from './test/fakeEventSource';

const conversation = (id: string, title: string): Conversation => ({ id, title, model: null, createdAt: 1, updatedAt: 1, running: false, network: false, kernelspec: 'python3' });

let list: Conversation[];
let posts: string[];

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  posts = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (url === '/api/models') return Response.json({ models: [], default: null, configured: false, help: 'Set a key.' });
    if (url === '/api/kernelspecs') return Response.json({ kernelspecs: [{ name: 'python3', displayName: 'Python 3', language: 'python' }], default: 'python3' });
    if (url === '/api/sandbox') return Response.json({ sandbox: 'on', reason: 'bubblewrap', networkByDefault: false });
    if (url === '/api/conversations' && init.method === 'GET') return Response.json({ conversations: list });
    if (url === '/api/conversations' && init.method === 'POST') {
      posts.push(String(init.body));
      return Response.json(conversation('fresh', ''), { status: 201 });
    }
    return Response.json({ ...conversation(url.split('/').pop()!, ''), items: [], files: [], kernel: { status: 'idle', sandbox: 'on', network: false }, lastEventId: 0 });
  });
});

afterEach(() => vi.unstubAllGlobals());

test('with no conversations the page creates one (once, even in strict mode) and lands in it', async () => {
  list = [];
  render(<StrictMode><App /></StrictMode>);
  await waitFor(() => expect(window.location.hash).toBe('#/c/fresh'));
  expect(posts).toHaveLength(1);
  expect(await screen.findByTestId('chat')).toBeInTheDocument();
});

test('the page opens the newest conversation, or the one in the address after a reload', async () => {
  list = [conversation('n', 'Newest'), conversation('o', 'Older')];
  const { unmount } = render(<App />);
  await waitFor(() => expect(window.location.hash).toBe('#/c/n'));
  unmount();
  window.history.replaceState(null, '', '/#/c/o');
  render(<App />);
  await screen.findByText('Older', { selector: 'button' });
  await waitFor(() => expect(FakeEventSource.latest().url).toBe('/api/conversations/o/events?lastEventId=0'));
  expect(window.location.hash).toBe('#/c/o');
  expect(posts).toHaveLength(0);
});

test('a new title from the event stream shows in the sidebar and the header at once', async () => {
  list = [conversation('n', 'New conversation')];
  render(<App />);
  await screen.findByTestId('chat');
  await waitFor(() => expect(FakeEventSource.instances.at(-1)?.url).toMatch(/^\/api\/conversations\/n\/events/));
  act(() => FakeEventSource.latest().emit('conversation', 7, { ...conversation('n', 'Plot a sine wave'), running: true }));
  expect(screen.getByText('Plot a sine wave', { selector: '[data-testid="conversation-title"]' })).toBeInTheDocument();
  expect(screen.getByTestId('chat-title')).toHaveTextContent('Plot a sine wave');
});
