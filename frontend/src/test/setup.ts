import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { FakeIntersectionObserver } from './fakeIntersectionObserver';

globalThis.IntersectionObserver = FakeIntersectionObserver as unknown as typeof IntersectionObserver;

afterEach(() => {
  cleanup();
  FakeIntersectionObserver.observers.clear();
});
