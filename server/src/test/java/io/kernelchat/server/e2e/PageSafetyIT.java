package io.kernelchat.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Model text and kernel outputs are hostile input: nothing in them may run in the page. */
class PageSafetyIT extends BrowserTest {
  @RegisterExtension
  static final AppUnderTest app = AppUnderTest.withScenarioModel("page-safety");

  /**
   * Known ways past HTML sanitisers, each shown as an HTML output. Without script, so each is shown inline
   * once sanitised: the browser's own parser, not a test double, decides whether any of them runs or fetches.
   */
  private static final List<String> BYPASSES = List.of(
      // mutation XSS classics
      "<svg></p><style><a id=\"</style><img src=1 onerror=\"document.title='pwned'\">\">",
      "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;img src=1 onerror=alert(1)&gt;\">",
      "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(2)>",
      "<noscript><p title=\"</noscript><img src=x onerror=alert(3)>\">",
      "<svg><style><img src=x onerror=alert(4)></style></svg>",
      // javascript: URLs (the test clicks every link)
      "<a href=\"javascript:alert(5)\">link one</a> <a href=\"jav&#x09;ascript&colon;alert(6)\">link two</a>",
      "<svg width=\"40\" height=\"20\"><a xlink:href=\"javascript:alert(7)\"><text x=\"2\" y=\"14\">link three</text></a></svg>",
      // CSS and markup that would load from elsewhere
      "<div style=\"background:url(http://127.0.0.1:9/css-url.png)\">a</div>",
      "<div style=\"background:u\\72l(http://127.0.0.1:9/css-escaped.png)\">b</div>",
      "<style>@import 'http://127.0.0.1:9/import.css'; td { background: url(http://127.0.0.1:9/td.png) }</style>"
          + "<table><tr><td>c</td></tr></table>",
      "<svg><style>rect { fill: url(http://127.0.0.1:9/fill.svg#p) }</style><rect width=\"9\" height=\"9\"/></svg>",
      "<svg><image href=\"http://127.0.0.1:9/svg-image.png\" width=\"9\" height=\"9\"/></svg>",
      "<img src=\"http://127.0.0.1:9/img.png\"><img srcset=\"http://127.0.0.1:9/srcset.png 2x\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">",
      // an overlay that would cover the page
      "<div class=\"overlay\" style=\"position:fixed;inset:0;z-index:99999;background:red\">covered</div>");

  @Override
  protected KernelchatApp app() {
    return app.get();
  }

  @Test
  void scriptsInOutputsAndModelTextNeverRunInThePage() {
    page.open().newConversation();

    page.ask("Show me the hostile outputs.");

    page.waitUntilIdle();
    assertThat(page.cells().last().getByTestId("output-stdout")).containsText("hostile outputs shown");
    // The HTML without script is shown inline, sanitised; the one with a script keeps its sandboxed frame...
    assertThat(page.raw().getByTestId("html-inline")).hasCount(1);
    assertThat(page.raw().getByTestId("html-output")).hasCount(1);
    assertThat(page.raw().getByTestId("html-output")).hasAttribute("sandbox", "");
    // ...which did render the harmless part of the HTML...
    assertThat(page.raw().frameLocator("[data-testid=html-output]").locator("b")).hasText("bold from kernel");
    // ...and the remote image in markdown became a link instead of a request.
    assertThat(page.raw().getByTestId("blocked-image")).hasAttribute("href", "http://127.0.0.1:9/leak.png");
    page.raw().waitForTimeout(500); // give any onerror handler the chance to fire
    Assertions.assertThat(page.raw().title()).isEqualTo("kernelchat");
    Assertions.assertThat(pageIncidents).isEmpty();
    // (Playwright's locators reach into the inline output's shadow root.)
    Assertions.assertThat(page.transcript().locator("img:not([data-testid=output-image])").count()).isZero();
    Assertions.assertThat(page.raw().locator("script").count()).isEqualTo(1);
  }

  @Test
  void sanitiserBypassesNeitherRunNorFetchNorCoverThePage() throws Exception {
    List<String> requests = new ArrayList<>();
    page.raw().onRequest(r -> requests.add(r.url()));
    page.raw().addInitScript("window.cspViolations = [];"
        + " document.addEventListener('securitypolicyviolation',"
        + " (e) => cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
    page.open().newConversation();

    String payloads = Base64.getEncoder().encodeToString(new ObjectMapper().writeValueAsBytes(BYPASSES));
    page.runCode("import base64, json\nfrom IPython.display import HTML, display\n"
        + "for html in json.loads(base64.b64decode('" + payloads + "')):\n    display(HTML(html))");

    assertThat(page.cells().last()).hasAttribute("data-status", "ok");
    Locator inline = page.transcript().getByTestId("html-inline");
    assertThat(inline).hasCount(BYPASSES.size());
    assertThat(page.transcript().getByTestId("html-output")).hasCount(0);
    page.raw().waitForTimeout(500); // give any handler or load the chance to happen
    // Nothing was fetched, not even tried: the sanitiser removed every address before the page's CSP had to
    // block it. (Chromium does report each handler attribute of the HTML as the sanitiser parses it into its
    // inert copy, where nothing runs: those are the only reports allowed.)
    Assertions.assertThat((List<?>) page.raw().evaluate("cspViolations")).allMatch(v -> v.equals("script-src-attr inline"));
    page.raw().evaluate("cspViolations.length = 0");
    Locator links = page.transcript().locator("[data-testid=html-inline] a");
    Assertions.assertThat(links.count()).isGreaterThanOrEqualTo(3);
    for (int i = 0; i < links.count(); i++) {
      links.nth(i).click(new Locator.ClickOptions().setForce(true));
    }
    page.raw().waitForTimeout(500);

    Assertions.assertThat(page.raw().title()).isEqualTo("kernelchat");
    Assertions.assertThat(pageIncidents).isEmpty();
    Assertions.assertThat(page.raw().url()).startsWith(app.get().origin());
    Assertions.assertThat(requests).allMatch(url -> url.startsWith(app.get().origin() + "/") || url.startsWith("data:"));
    // Clicking every link tried nothing either.
    Assertions.assertThat(page.raw().evaluate("cspViolations")).isEqualTo(List.of());
    // The fixed overlay stays inside its output's box: the sidebar's button is still what is under the pointer.
    Object underButton = page.raw().evaluate("() => { const b = document.querySelector('[data-testid=new-conversation]');"
        + " const r = b.getBoundingClientRect();"
        + " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b; }");
    Assertions.assertThat(underButton).isEqualTo(true);
  }

  @Test
  void theTokenLeavesTheAddressBarAndLivesOnlyInAnHttpOnlyCookie() {
    page.open();

    Assertions.assertThat(page.raw().url()).doesNotContain(app.get().token());
    Object visibleCookies = page.raw().evaluate("document.cookie");
    Assertions.assertThat((String) visibleCookies).doesNotContain(app.get().token());
  }
}
