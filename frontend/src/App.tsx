export function App() {
  return <main data-testid="app">kernelchat</main>;
}
