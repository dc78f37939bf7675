import { applyCarriageReturns } from '../lib/ansi';
import { imageSource, pickMime, textOf } from '../lib/mime';
import type { MimeBundle, Output } from '../lib/types';
import { AnsiText } from './AnsiText';
import { HtmlOutput } from './HtmlOutput';
import { LongText } from './LongText';
import { Markdown } from './Markdown';

const ansi = (t: string) => <AnsiText text={t} />;
const plain = (t: string) => t;

/** One kernel output. Everything in it is untrusted and rendered so that nothing in it can run. */
export function OutputView({ output }: { output: Output }) {
  switch (output.type) {
    case 'stream':
      return (
        <div className={`output stream ${output.name}`} data-testid={`output-${output.name}`}>
          <LongText text={applyCarriageReturns(output.text)} render={ansi} />
        </div>
      );
    case 'error': {
      const text = output.traceback?.length ? output.traceback.join('\n') : `${output.ename}: ${output.evalue}`;
      return (
        <div className="output error" data-testid="output-error">
          <LongText text={text} className="traceback" render={ansi} />
        </div>
      );
    }
    case 'display_data':
    case 'execute_result':
      return <MimeView data={output.data ?? {}} />;
    default:
      return null; // clear_output and update_display_data are folded in before rendering
  }
}

function MimeView({ data }: { data: MimeBundle }) {
  const mime = pickMime(data);
  const scriptOnly = data['application/javascript'] !== undefined && (mime === null || mime === 'text/plain');
  const notice = scriptOnly ? (
    <div className="output-note" data-testid="javascript-blocked">JavaScript output is not run in kernelchat.</div>
  ) : null;
  if (mime === null) return notice;
  const value = data[mime];
  let body;
  switch (mime) {
    case 'text/html':
      body = <HtmlOutput html={textOf(value)} />;
      break;
    case 'image/svg+xml':
    case 'image/png':
    case 'image/jpeg':
    case 'image/gif':
      body = <img className="output-image" data-testid="output-image" alt={textOf(data['text/plain'] ?? 'image output')} src={imageSource(mime, value)} />;
      break;
    case 'text/markdown':
    case 'text/latex':
      body = <Markdown text={textOf(value)} />;
      break;
    case 'application/json':
      body = <LongText text={textOf(value)} render={plain} />;
      break;
    case 'text/plain':
      body = <LongText text={textOf(value)} render={ansi} />;
      break;
  }
  return (
    <div className={`output mime`} data-testid="output-display" data-mime={mime}>
      {body}
      {notice}
    </div>
  );
}
