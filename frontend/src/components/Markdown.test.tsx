import { render, screen, waitFor } from '@testing-library/react';
import { Markdown } from './Markdown';

test('raw HTML in model text is not rendered as markup', () => {
  const { container } = render(<Markdown text={'hi <img src=x onerror="window.pwned=1"> <script>window.pwned=1</script>'} />);
  expect(container.querySelector('img')).toBeNull();
  expect(container.querySelector('script')).toBeNull();
  expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
});

test('links open in a new tab without an opener and javascript: links lose their target', () => {
  render(<Markdown text={'[docs](https://example.org) [bad](javascript:alert(1))'} />);
  const docs = screen.getByRole('link', { name: 'docs' });
  expect(docs).toHaveAttribute('target', '_blank');
  expect(docs.getAttribute('rel')).toContain('noopener');
  expect(screen.getByText('bad').getAttribute('href') ?? '').not.toContain('javascript');
});

test('tables from GitHub-flavoured markdown render', () => {
  const { container } = render(<Markdown text={'| a | b |\n|---|---|\n| 1 | 2 |'} />);
  expect(container.querySelectorAll('td')).toHaveLength(2);
});

test('fenced code gets syntax highlighting after the highlighter loads', async () => {
  const { container } = render(<Markdown text={'```python\ndef f():\n    return 1\n```'} />);
  expect(screen.getByTestId('code')).toHaveTextContent('def f():');
  await waitFor(() => expect(container.querySelector('.hljs-keyword')).not.toBeNull(), { timeout: 5000 });
});

test('inline math in \\( \\) delimiters is typeset', async () => {
  const { container } = render(<Markdown text={'The area is \\(\\pi r^2\\).'} />);
  await waitFor(() => expect(container.querySelector('.katex')).not.toBeNull(), { timeout: 5000 });
});
