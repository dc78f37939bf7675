import { act, fireEvent, render, renderHook } from '@testing-library/react';
import { useVirtualRows } from './useVirtualRows';

type Row = { id: string; lines: number };
const keyOf = (row: Row) => row.id;

test('output streaming into the last row estimates that row again and none of the others', () => {
  const estimated: string[] = [];
  const estimate = (row: Row) => {
    estimated.push(row.id);
    return 20 * row.lines;
  };
  const rows = Array.from({ length: 3000 }, (_, i) => ({ id: `c${i}`, lines: 1 }));
  const { rerender } = renderHook(({ rows }) => useVirtualRows({ rows, keyOf, estimate }),
    { initialProps: { rows } });
  expect(estimated).toHaveLength(3000);

  estimated.length = 0;
  const streamed = [...rows.slice(0, -1), { id: 'c2999', lines: 40 }];
  rerender({ rows: streamed });
  expect(estimated).toEqual(['c2999']);
});

/**
 * jsdom lays nothing out: the box is 500 px high at the top of the window, and lays out its list's children
 * (the spacers at their style's height, rows at `heights`, 100 px unless set) one below the other, scrolled
 * by its scrollTop. Resizes are reported when a test says so (`resize`), as a ResizeObserver would.
 */
function fakeLayout() {
  const heights = new Map<string, number>();
  let scrollTop = 0;
  let observer: { callback: ResizeObserverCallback; self: ResizeObserver } | null = null;
  vi.stubGlobal('ResizeObserver', class {
    constructor(callback: ResizeObserverCallback) {
      observer = { callback, self: this as unknown as ResizeObserver };
    }
    observe() {}
    unobserve() {}
    disconnect() {}
  });
  const box = () => document.querySelector<HTMLElement>('[data-testid=box]')!;
  const children = () => [...box().firstElementChild!.children] as HTMLElement[];
  const height = (el: HTMLElement) => el.dataset.row ? heights.get(el.dataset.row) ?? 100 : parseFloat(el.style.height) || 0;
  const contentHeight = () => children().reduce((sum, el) => sum + height(el), 0);
  const spies = [
    vi.spyOn(HTMLElement.prototype, 'scrollTop', 'get').mockImplementation(function (this: HTMLElement) {
      return this === box() ? scrollTop : 0;
    }),
    vi.spyOn(HTMLElement.prototype, 'scrollTop', 'set').mockImplementation(function (this: HTMLElement, v: number) {
      if (this === box()) scrollTop = Math.max(0, Math.min(v, contentHeight() - 500));
    }),
    vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(() => contentHeight()),
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(() => 500),
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      let top = 0;
      if (this !== box()) {
        for (const el of children()) {
          if (el === this) break;
          top += height(el);
        }
        top -= scrollTop;
      }
      const h = this === box() ? 500 : height(this);
      return { top, bottom: top + h, height: h } as DOMRect;
    }),
  ];
  return {
    heights,
    get scrollTop() {
      return scrollTop;
    },
    /** A person's scroll: a wheel turn, then the scroll with its event. */
    scrollTo(top: number) {
      fireEvent.wheel(box());
      scrollTop = top;
      fireEvent.scroll(box());
    },
    resize(key: string, size: number) {
      heights.set(key, size);
      const target = box().querySelector(`[data-row="${key}"]`)!;
      act(() => observer!.callback([{ target, borderBoxSize: [{ blockSize: size }] } as unknown as ResizeObserverEntry],
        observer!.self));
    },
    restore() {
      spies.forEach((s) => s.mockRestore());
      vi.unstubAllGlobals();
    },
  };
}

function List({ rows }: { rows: Row[] }) {
  const v = useVirtualRows({ rows, keyOf, estimate: () => 100 });
  return (
    <div ref={v.attachBox} data-testid="box">
      <div ref={v.list}>
        <div style={{ height: v.before }} />
        {rows.slice(v.first, v.last + 1).map((r) => <div key={r.id} data-row={r.id} ref={v.measure}>{r.id}</div>)}
        <div style={{ height: v.after }} />
      </div>
    </div>
  );
}

const hundredRows = Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, lines: 1 }));

test('a row above what is on screen that grows moves nothing on screen', () => {
  const layout = fakeLayout();
  try {
    render(<List rows={hundredRows} />);
    layout.scrollTo(5000);   // c50 at the top of the box
    layout.resize('c45', 150);
    expect(layout.scrollTop).toBe(5050);
  } finally {
    layout.restore();
  }
});

test('a scroll whose event has not come yet is kept when a row above what is on screen grows meanwhile', () => {
  const layout = fakeLayout();
  try {
    render(<List rows={hundredRows} />);
    layout.scrollTo(5000);   // c50 at the top of the box, c44 to c57 rendered
    expect(document.querySelectorAll('[data-row]')).toHaveLength(14);
    // A script scrolls up to c47 (its scroll event would come with the next frame), then a plot above it decodes.
    document.querySelector<HTMLElement>('[data-testid=box]')!.scrollTop = 4700;
    layout.resize('c45', 150);
    // c47 stays at the top: scrolled to, then kept in place while c45 grew above it.
    expect(layout.scrollTop).toBe(4750);
  } finally {
    layout.restore();
  }
});
