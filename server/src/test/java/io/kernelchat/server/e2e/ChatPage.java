package io.kernelchat.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The kernelchat page as a person uses it, found by data-testid. */
final class ChatPage {
  private final Page page;
  private final KernelchatApp app;

  ChatPage(Page page, KernelchatApp app) {
    this.page = page;
    this.app = app;
  }

  Page raw() {
    return page;
  }

  /** Opens the address the server printed and waits until a conversation is ready. */
  ChatPage open() {
    page.navigate(app.urlWithToken());
    assertThat(page.getByTestId("chat")).isVisible();
    assertThat(page.getByTestId("kernel-status")).isVisible();
    return this;
  }

  ChatPage newConversation() {
    String before = page.url();
    page.getByTestId("new-conversation").click();
    page.waitForCondition(() -> !page.url().equals(before));
    assertThat(page.getByTestId("empty")).isVisible();
    return this;
  }

  void reload() {
    page.reload();
    assertThat(page.getByTestId("kernel-status")).isVisible();
  }

  void ask(String request) {
    Locator input = page.getByTestId("message-input");
    input.fill(request);
    input.press("Enter");
    assertThat(page.getByTestId("message-user").last()).containsText(request);
  }

  /** Runs code directly through the composer's code box. */
  void runCode(String code) {
    if (page.getByTestId("mode-code").getAttribute("aria-selected").equals("false")) {
      page.getByTestId("mode-code").click();
    }
    Locator box = page.getByTestId("composer").getByTestId("code-input");
    box.fill(code);
    page.getByTestId("composer").getByTestId("run-code").click();
  }

  void upload(Path... files) {
    page.getByTestId("file-input").setInputFiles(files);
  }

  /** Starts a conversation from a notebook with the sidebar's "Import .ipynb". */
  void importNotebook(Path notebook) {
    page.getByTestId("import-notebook").setInputFiles(notebook);
  }

  void runAll() {
    page.getByTestId("run-all").click();
  }

  /** Drops a file onto the conversation the way a file manager does. */
  void dropFile(String name, String content) {
    JSHandle transfer = page.evaluateHandle("([name, content]) => {"
        + " const t = new DataTransfer(); t.items.add(new File([content], name)); return t; }", List.of(name, content));
    Locator target = page.getByTestId("transcript");
    for (String type : List.of("dragenter", "dragover", "drop")) {
      target.dispatchEvent(type, Map.of("dataTransfer", transfer));
    }
  }

  Locator fileChip(String name) {
    return page.locator("[data-testid=file-chip][data-name=\"" + name + "\"]");
  }

  Path download(String name, Path target) {
    Download download = page.waitForDownload(() -> fileChip(name).getByTestId("file-download").click());
    download.saveAs(target);
    return target;
  }

  Locator cells() {
    return page.getByTestId("cell");
  }

  Locator assistantMessages() {
    return page.getByTestId("message-assistant");
  }

  Locator transcript() {
    return page.getByTestId("transcript");
  }

  /** Waits until no turn runs: the stop button has gone and the send button is back. */
  void waitUntilIdle() {
    assertThat(page.getByTestId("stop")).hasCount(0);
    assertThat(page.getByTestId("working")).hasCount(0);
  }

  void stop() {
    page.getByTestId("stop").click();
  }

  /** The open conversation's title in the sidebar. */
  Locator sidebarTitle() {
    return page.locator("[data-testid=conversation-title][aria-current=page]");
  }

  Locator headerTitle() {
    return page.getByTestId("chat-title");
  }

  Locator kernelStatus() {
    return page.getByTestId("kernel-status");
  }

  Locator sandboxBadge() {
    return page.getByTestId("kernel-sandbox");
  }

  Locator networkSwitch() {
    return page.getByTestId("kernel-network");
  }

  /** Moves the network switch of a running kernel, saying yes to the restart the page asks about. */
  void toggleNetworkRestartingTheKernel() {
    networkSwitch().click();
    assertThat(page.getByTestId("network-confirm")).containsText("restarts the kernel");
    page.getByTestId("network-confirm-restart").click();
  }

  /** The open conversation's kernel as {@code GET /api/conversations/{id}} reports it (fetched with the page's cookie). */
  @SuppressWarnings("unchecked")
  Map<String, Object> kernelFromApi() {
    return (Map<String, Object>) page.evaluate("async () => {"
        + " const id = decodeURIComponent(location.hash.replace(/^#\\/c\\//, ''));"
        + " const answer = await fetch('/api/conversations/' + encodeURIComponent(id));"
        + " return (await answer.json()).kernel; }");
  }

  /** The field of a cell that waits for its input() to be answered. */
  Locator inputField(Locator cell) {
    return cell.getByTestId("cell-input");
  }

  void answerInput(Locator cell, String value) {
    Locator field = inputField(cell).getByTestId("cell-input-value");
    field.fill(value);
    field.press("Enter");
  }

  /** Turns on "Ask before running" for the open conversation. */
  void askBeforeRunning() {
    Locator box = page.getByTestId("approval-switch");
    box.click();   // (not check(): the box turns checked once the server said so, not on the click)
    assertThat(box).isChecked();
  }

  void approveEdited(Locator cell, String code) {
    cell.getByTestId("code-input").fill(code);
    cell.getByTestId("run-code").click();
  }

  void reject(Locator cell, String reason) {
    cell.getByTestId("reject-reason").fill(reason);
    cell.getByTestId("reject-cell").click();
  }

  /** The open conversation's id, from the address. */
  String conversationId() {
    return java.net.URLDecoder.decode(page.url().replaceAll("^.*#/c/", ""), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Runs each piece of code as a cell of the open conversation through the API, one after the other. */
  void executeThroughTheApi(List<String> codes) {
    page.evaluate("async ([id, codes]) => { for (const code of codes) {"
        + " const answer = await fetch('/api/conversations/' + encodeURIComponent(id) + '/execute', { method: 'POST',"
        + " headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });"
        + " if (!answer.ok) throw new Error('execute answered ' + answer.status); } }", List.of(conversationId(), codes));
  }

  /** How far the transcript is from its bottom, in px (0: scrolled to the end). */
  double distanceFromBottom() {
    return ((Number) page.evaluate("() => { const t = document.querySelector('[data-testid=transcript]');"
        + " return t.scrollHeight - t.scrollTop - t.clientHeight; }")).doubleValue();
  }

  Locator noModelNotice() {
    return page.getByTestId("no-model-notice");
  }

  Locator button(String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
  }
}
