package io.kernelchat.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.ChatMessage;
import io.kernelchat.server.llm.ToolCall;
import io.kernelchat.server.llm.ToolResultMessage;
import io.kernelchat.server.llm.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FencedCodeTest {
  @Test
  void everyClosedPythonBlockBecomesACallAndOtherBlocksAreIgnored() {
    List<ToolCall> calls = FencedCode.calls("First:\n```python\nx = 1\n```\nA shell block:\n```bash\nls\n```\n"
        + "Output:\n```\n1\n```\nThen:\n```py\nprint(x)\n```", KernelLanguage.PYTHON);
    assertThat(calls).extracting(call -> CodeTool.code(call, KernelLanguage.PYTHON).orElseThrow())
        .containsExactly("x = 1", "print(x)");
    assertThat(calls).allSatisfy(call -> assertThat(call.id()).hasSizeLessThanOrEqualTo(40).matches("[A-Za-z0-9_-]+"));
  }

  @Test
  void aBlockThatWasNeverClosedIsNotRun() {
    assertThat(FencedCode.calls("Here goes:\n```python\nimport shutil\nshutil.rmt", KernelLanguage.PYTHON)).isEmpty();
  }

  @Test
  void inAnRConversationRBlocksRunAndAPythonBlockIsToldItsLanguageIsWrong() {
    KernelLanguage r = new KernelLanguage("R");
    List<ToolCall> calls = FencedCode.calls("```r\nx <- 1\n```\n```python\nimport pandas\n```\n```bash\nls\n```", r);

    assertThat(calls).hasSize(2);
    assertThat(CodeTool.code(calls.get(0), r)).contains("x <- 1");
    assertThat(CodeTool.code(calls.get(1), r)).isEmpty();
    assertThat(CodeTool.whyNotRun(calls.get(1), r)).contains("```python", "runs R", "```r blocks");
  }

  @Test
  void aShellKernelRunsShellBlocks() {
    KernelLanguage bash = new KernelLanguage("bash");

    assertThat(FencedCode.calls("```sh\nls -l\n```", bash)).extracting(c -> CodeTool.code(c, bash).orElseThrow())
        .containsExactly("ls -l");
  }

  @Test
  void toolCallsAndResultsAreRenderedAsCodeBlocksAndOneOutputMessage() {
    ToolCall a = new ToolCall("call_a", "python", CodeTool.arguments("print(1)"));
    ToolCall b = new ToolCall("call_b", "python", CodeTool.arguments("print(2)"));
    List<ChatMessage> rendered = FencedCode.render(List.of(new UserMessage("go"),
        new AssistantMessage("Two cells.", List.of(a, b)),
        new ToolResultMessage("call_a", "1\n", List.of()), new ToolResultMessage("call_b", "2\n", List.of()),
        new AssistantMessage("Done.")));

    assertThat(rendered).containsExactly(new UserMessage("go"),
        new AssistantMessage("Two cells.\n\n```python\nprint(1)\n```\n\n```python\nprint(2)\n```"),
        new UserMessage("Output of your code:\n```\n1\n```\n```\n2\n```"),
        new AssistantMessage("Done."));
  }
}
