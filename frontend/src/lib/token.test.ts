import { stripTokenFromAddress } from './token';

test('the token leaves the address bar and the rest of the address stays', () => {
  window.history.replaceState(null, '', '/?token=s3cret&x=1#/c/abc');
  stripTokenFromAddress(window.location, window.history);
  expect(window.location.search).toBe('?x=1');
  expect(window.location.hash).toBe('#/c/abc');
  expect(window.location.href).not.toContain('s3cret');
});

test('an address without a token is left alone', () => {
  window.history.replaceState(null, '', '/#/c/1');
  const before = window.history.length;
  stripTokenFromAddress(window.location, window.history);
  expect(window.location.pathname + window.location.hash).toBe('/#/c/1');
  expect(window.history.length).toBe(before);
});
