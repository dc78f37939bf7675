import { render, screen } from '@testing-library/react';
import { useAutoScroll } from './useAutoScroll';

function Log({ items }: { items: string[] }) {
  const ref = useAutoScroll<HTMLDivElement>(items);
  return (
    <div ref={ref} data-testid="log">
      {items.map((i) => <img key={i} alt={i} />)}
    </div>
  );
}

/** jsdom lays nothing out: give the box a fixed viewport and a content height the test controls. */
function withHeights(el: HTMLElement, content: { height: number }) {
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => 100 });
  Object.defineProperty(el, 'scrollHeight', { configurable: true, get: () => content.height });
}

test('an image that loads after the content changed still leaves the box at its bottom', () => {
  const content = { height: 500 };
  const { rerender } = render(<Log items={['a']} />);
  const log = screen.getByTestId('log');
  withHeights(log, content);
  rerender(<Log items={['a', 'b']} />);
  expect(log.scrollTop).toBe(500);

  content.height = 900; // the plot arrived
  screen.getByAltText('b').dispatchEvent(new Event('load'));
  expect(log.scrollTop).toBe(900);
});

test('a person who scrolled up stays where they are when an image loads', () => {
  const content = { height: 500 };
  const { rerender } = render(<Log items={['a']} />);
  const log = screen.getByTestId('log');
  withHeights(log, content);
  rerender(<Log items={['a', 'b']} />);
  log.scrollTop = 0;
  log.dispatchEvent(new Event('scroll'));

  content.height = 900;
  screen.getByAltText('b').dispatchEvent(new Event('load'));
  expect(log.scrollTop).toBe(0);
});
