/**
 * jsdom has no IntersectionObserver (it does no layout); this one reports what a test tells it to:
 * FakeIntersectionObserver.revealAll() says every observed element has come into view.
 */
export class FakeIntersectionObserver {
  static observers = new Set<FakeIntersectionObserver>();
  private readonly targets = new Set<Element>();
  readonly root = null;
  readonly rootMargin: string;
  readonly thresholds = [0];

  constructor(private readonly callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
    this.rootMargin = options?.rootMargin ?? '0px';
    FakeIntersectionObserver.observers.add(this);
  }

  observe(target: Element) {
    this.targets.add(target);
  }

  unobserve(target: Element) {
    this.targets.delete(target);
  }

  disconnect() {
    this.targets.clear();
    FakeIntersectionObserver.observers.delete(this);
  }

  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }

  static revealAll() {
    for (const observer of [...FakeIntersectionObserver.observers]) {
      const entries = [...observer.targets].map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry);
      if (entries.length > 0) observer.callback(entries, observer as unknown as IntersectionObserver);
    }
  }
}
