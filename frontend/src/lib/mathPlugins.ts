// Loaded only when a text contains math, so KaTeX (and its fonts) stay out of the initial bundle.
import 'katex/dist/katex.min.css';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';

export { rehypeKatex, remarkMath };
