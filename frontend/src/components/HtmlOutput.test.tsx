import { act, render, screen } from '@testing-library/react';
import { FakeIntersectionObserver } from '../test/fakeIntersectionObserver';
import { HtmlOutput } from './HtmlOutput';

const shadowOf = (el: HTMLElement) => el.querySelector('div')!.shadowRoot!;

test('sanitised HTML is shown in a shadow root, with the page\'s table rules and none of its hazards', () => {
  render(<HtmlOutput html={'<table class="dataframe"><tr><td onclick="alert(1)">42</td></tr></table><img src=x onerror=alert(2)>'} />);
  const root = shadowOf(screen.getByTestId('html-inline'));
  expect(root.querySelector('td')).toHaveTextContent('42');
  expect(root.querySelector('td')).not.toHaveAttribute('onclick');
  expect(root.querySelector('img')).toBeNull();
  expect(root.querySelector('style')?.textContent).toContain('border-collapse:collapse');
});

test('its style sheets stay inside its shadow root', () => {
  render(<HtmlOutput html={'<style>td { color: rgb(1, 2, 3) }</style><table><tr><td>x</td></tr></table>'} />);
  const root = shadowOf(screen.getByTestId('html-inline'));
  expect(root.querySelectorAll('style')).toHaveLength(2);
  expect(document.head.querySelectorAll('style')).toHaveLength(0);
});

test('a second mount shows the same output again (the sanitised nodes are copied, not moved)', () => {
  const html = '<b>bold</b>';
  render(<><HtmlOutput html={html} /><HtmlOutput html={html} /></>);
  for (const box of screen.getAllByTestId('html-inline')) expect(shadowOf(box).querySelector('b')).toHaveTextContent('bold');
});

test('HTML with script gets its frame only once its place comes near the viewport', () => {
  render(<HtmlOutput html={'<div id="p"></div><script>Plotly.newPlot("p")</script><noscript>static plot</noscript>'} />);
  expect(screen.queryByTestId('html-output')).toBeNull();
  expect(screen.getByTestId('html-frame-placeholder')).toBeInTheDocument();
  act(() => FakeIntersectionObserver.revealAll());
  const frame = screen.getByTestId('html-output');
  expect(frame).toHaveAttribute('sandbox', '');
  expect(frame.getAttribute('srcdoc')).toContain('<noscript>static plot</noscript>');
  expect(screen.queryByTestId('html-frame-placeholder')).toBeNull();
});
