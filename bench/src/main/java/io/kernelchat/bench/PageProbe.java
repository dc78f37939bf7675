package io.kernelchat.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.Cookie;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, opening kernelchat pages the way a person does: a fresh browser context (no
 * cache, the token's cookie already set) per opening, a 1280×860 window.
 */
final class PageProbe implements AutoCloseable {
  private static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update",
      "--disable-sync");
  /**
   * Runs before the page's own scripts: records long tasks from the start, and marks each frame when it has
   * loaded (a sandboxed frame's document cannot be read from the page, but its load event can be seen).
   */
  private static final String INSTRUMENT = """
      window.__bench = { longTasks: [] };
      const keep = (entries) => {
        for (const e of entries) window.__bench.longTasks.push([e.startTime, e.duration]);
      };
      const observer = new PerformanceObserver((list) => keep(list.getEntries()));
      observer.observe({ type: 'longtask', buffered: true });
      // The observer is told of long tasks later, when the page is idle: a scroll that ends takes them now.
      window.__bench.takeLongTasks = () => keep(observer.takeRecords());
      document.addEventListener('load', (e) => {
        if (e.target instanceof HTMLIFrameElement) e.target.dataset.benchLoaded = '1';
      }, true);
      """;
  /**
   * True (as the time since the page was opened) once the last cell is in the transcript's viewport with its
   * outputs drawn: images decoded, frames loaded. Works on any version of the page: it needs only the cells'
   * and the transcript's test ids.
   */
  private static final String LAST_CELL_VISIBLE = """
      (marker) => {
        const cells = document.querySelectorAll('[data-testid=cell]');
        const last = cells[cells.length - 1];
        const box = document.querySelector('[data-testid=transcript]');
        if (!last || !box || !last.textContent.includes(marker)) return false;
        const view = box.getBoundingClientRect(), cell = last.getBoundingClientRect();
        if (cell.bottom <= view.top || cell.top >= view.bottom) return false;
        const outputs = last.querySelector('[data-testid=outputs]');
        if (!outputs) return false;
        for (const img of outputs.querySelectorAll('img')) if (!img.complete || img.naturalWidth === 0) return false;
        for (const frame of outputs.querySelectorAll('iframe')) if (!frame.dataset.benchLoaded) return false;
        return performance.now();
      }""";
  /** Scrolls the transcript up by {@code step} px every other frame, as a person would, to its first cell. */
  private static final String SCROLL_TO_TOP = """
      async ([firstMarker, step, timeout]) => {
        const box = document.querySelector('[data-testid=transcript]');
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
        const start = performance.now();
        const tasks = () => {
          window.__bench.takeLongTasks();
          return window.__bench.longTasks.filter(([at]) => at >= start).map(([, d]) => d);
        };
        while (performance.now() - start < timeout) {
          const first = document.querySelector('[data-testid=cell]');
          if (box.scrollTop === 0 && first && first.textContent.includes(firstMarker)) {
            return { millis: performance.now() - start, tasks: tasks() };
          }
          // A person's scroll: the page keeps following its end until input of the person's own (a wheel turn,
          // a key, a press) moves away from it, and pulls a bare scrollTop change back to the end.
          box.dispatchEvent(new WheelEvent('wheel', { deltaY: -step, bubbles: true }));
          box.scrollTop = Math.max(0, box.scrollTop - step);
          await frame();
          await frame();
        }
        return { millis: -1, tasks: tasks() };
      }""";

  /**
   * One opening: milliseconds until the last cell was visible (null: not within the timeout); the JS heap of
   * every V8 isolate the page uses (a sandboxed frame runs in a process of its own in Chromium 156); the
   * proportional memory (PSS) of all renderer processes, and how many there were; the page's elements. An
   * opening that timed out has no heap nor elements (-1): the page was not asked.
   */
  record Opening(Double millis, long heapBytes, long rendererBytes, int renderers, int elements) {}

  /** Scrolling from the last cell to the first: how long (-1: not within the timeout), its long tasks (ms). */
  record Scroll(double millis, List<Double> longTasks) {}

  private final Playwright playwright;
  private final Browser browser;

  PageProbe() {
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of(System.getProperty("chromium.path", "/usr/bin/chromium")))
        .setHeadless(true).setArgs(CHROMIUM_FLAGS));
  }

  /** A fresh context with the server's cookie, for one opening (and, with it, perhaps a scroll). */
  final class Session implements AutoCloseable {
    private final BrowserContext context;
    private final Page page;
    private final CDPSession cdp;

    Session(ServerProcess server) {
      context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
      context.addCookies(List.of(new Cookie("kernelchat_token", server.token()).setUrl(server.url("/"))));
      context.addInitScript(INSTRUMENT);
      page = context.newPage();
      cdp = context.newCDPSession(page);
    }

    Opening open(ServerProcess server, String conversationId, String lastMarker, double timeoutMillis)
        throws IOException {
      page.navigate(server.url("/#/c/" + conversationId), new Page.NavigateOptions().setTimeout(timeoutMillis));
      double millis;
      try {
        millis = ((Number) page.waitForFunction(LAST_CELL_VISIBLE, lastMarker,
            new Page.WaitForFunctionOptions().setTimeout(timeoutMillis)).jsonValue()).doubleValue();
      } catch (PlaywrightException e) {
        // A page still busy (thousands of frames being made) answers evaluations only once it is done, which took
        // over ten minutes: the timeout bounds the whole opening, so only what /proc says is read now.
        ProcessTreeMemory renderers = ProcessTreeMemory.ofDescendants(ProcessHandle.current().pid(), "--type=renderer");
        return new Opening(null, -1, renderers.pssBytes(), renderers.processes(), -1);
      }
      int elements = ((Number) page.evaluate("document.getElementsByTagName('*').length")).intValue();
      ProcessTreeMemory renderers = ProcessTreeMemory.ofDescendants(ProcessHandle.current().pid(), "--type=renderer");
      return new Opening(millis, jsHeap(), renderers.pssBytes(), renderers.processes(), elements);
    }

    /** Used heap after a GC, summed over the distinct isolates of the page and its out-of-process frames. */
    private long jsHeap() {
      Map<String, Long> byIsolate = new HashMap<>();
      measureHeap(cdp, byIsolate);
      for (Frame frame : page.frames()) {
        if (frame == page.mainFrame()) {
          continue;
        }
        CDPSession frameSession;
        try {
          frameSession = context.newCDPSession(frame);
        } catch (PlaywrightException inProcess) {
          continue;   // a frame in the page's own process: its heap is the page's isolate, counted already
        }
        measureHeap(frameSession, byIsolate);
        frameSession.detach();
      }
      return byIsolate.values().stream().mapToLong(Long::longValue).sum();
    }

    @SuppressWarnings("unchecked")
    Scroll scrollToTop(String firstMarker, double timeoutMillis) {
      Map<String, Object> result = (Map<String, Object>) page.evaluate(SCROLL_TO_TOP,
          List.of(firstMarker, 1500, timeoutMillis));
      List<Double> tasks = ((List<Number>) result.get("tasks")).stream().map(Number::doubleValue).toList();
      return new Scroll(((Number) result.get("millis")).doubleValue(), tasks);
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /** Once per isolate: frames share their process's, and a GC of a page of 3,000 frames for each took minutes. */
  private static void measureHeap(CDPSession session, Map<String, Long> byIsolate) {
    String isolate = session.send("Runtime.getIsolateId").get("id").getAsString();
    if (byIsolate.containsKey(isolate)) {
      return;
    }
    session.send("HeapProfiler.collectGarbage");
    byIsolate.put(isolate, session.send("Runtime.getHeapUsage").get("usedSize").getAsLong());
  }

  String browserVersion() {
    return browser.version();
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
