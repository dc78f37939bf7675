import { render, screen } from '@testing-library/react';
import { App } from './App';

test('the app renders its root', () => {
  render(<App />);
  expect(screen.getByTestId('app')).toHaveTextContent('kernelchat');
});
