import type { LogSink } from '../shared/log';

/**
 * The server's log lines, written to stdout (info) and stderr (warnings, errors) once per turn
 * of the event loop instead of once per line: a synchronous write per line was a tenth of a
 * pairing's CPU. What is pending is written before the process exits; a kill -9 loses at most
 * the lines of the last turn.
 */
export function createBatchedSink(out: NodeJS.WritableStream, err: NodeJS.WritableStream): LogSink {
  let lines: string[] = [];
  let problems: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (lines.length > 0) out.write(`${lines.join('\n')}\n`);
    if (problems.length > 0) err.write(`${problems.join('\n')}\n`);
    lines = [];
    problems = [];
  };
  process.once('exit', flush);
  return (level, line) => {
    (level === 'info' ? lines : problems).push(line);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}

let stdio: LogSink | undefined;

/** The one batched sink on this process's stdout and stderr (one exit hook however many servers a test starts). */
export function batchedStdioSink(): LogSink {
  stdio ??= createBatchedSink(process.stdout, process.stderr);
  return stdio;
}
