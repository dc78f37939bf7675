import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { FakeIntersectionObserver } from './fakeIntersectionObserver';

globalThis.IntersectionObserver = FakeIntersectionObserver as unknown as typeof IntersectionObserver;
// jsdom lays nothing out, so no element ever changes size.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

afterEach(() => {
  cleanup();
  FakeIntersectionObserver.observers.clear();
});
