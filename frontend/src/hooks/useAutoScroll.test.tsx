import { renderHook } from '@testing-library/react';
import { useAutoScroll } from './useAutoScroll';

/** jsdom lays nothing out: a box with a fixed viewport and a content height the test controls. */
function box(content: { height: number }) {
  const el = document.createElement('div');
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => 100 });
  Object.defineProperty(el, 'scrollHeight', { configurable: true, get: () => content.height });
  return el;
}

function scroll(el: HTMLElement, top: number, byThePerson: boolean) {
  if (byThePerson) el.dispatchEvent(new Event('wheel'));
  el.scrollTop = top;
  el.dispatchEvent(new Event('scroll'));
}

test('content that grows (output streaming, a plot decoding) keeps the box at its bottom', () => {
  const content = { height: 500 };
  const el = box(content);
  const { result } = renderHook(() => useAutoScroll());
  result.current.attach(el);
  result.current.follow();
  expect(el.scrollTop).toBe(500);

  content.height = 900;
  result.current.follow();
  expect(el.scrollTop).toBe(900);
});

test('content that grew again before the scroll event came does not unpin the box', () => {
  const content = { height: 500 };
  const el = box(content);
  const { result } = renderHook(() => useAutoScroll());
  result.current.attach(el);
  result.current.follow();
  content.height = 2000; // items kept coming; the event of the scroll above arrives only now
  el.dispatchEvent(new Event('scroll'));
  result.current.follow();
  expect(el.scrollTop).toBe(2000);
});

test('a person who scrolled up stays where they are, and is followed again once back at the bottom', () => {
  const content = { height: 500 };
  const el = box(content);
  const { result } = renderHook(() => useAutoScroll());
  result.current.attach(el);
  result.current.follow();
  scroll(el, 0, true);

  content.height = 900;
  result.current.follow();
  expect(el.scrollTop).toBe(0);

  scroll(el, 830, true); // within 80 px of the bottom
  content.height = 1200;
  result.current.follow();
  expect(el.scrollTop).toBe(1200);
});
