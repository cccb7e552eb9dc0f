import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createBatchedSink } from './log-sink';

function collect(stream: PassThrough): string[] {
  const writes: string[] = [];
  stream.on('data', (chunk: Buffer) => writes.push(chunk.toString('utf8')));
  return writes;
}

describe('batched log sink', () => {
  it('writes the lines of one turn in one write, in order, info to stdout and the rest to stderr', async () => {
    const out = new PassThrough();
    const err = new PassThrough();
    const [outWrites, errWrites] = [collect(out), collect(err)];
    const sink = createBatchedSink(out, err);
    sink('info', 'a');
    sink('warn', 'w');
    sink('info', 'b');
    sink('error', 'e');
    expect(outWrites).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(outWrites).toEqual(['a\nb\n']);
    expect(errWrites).toEqual(['w\ne\n']);
    sink('info', 'c');
    await new Promise((resolve) => setImmediate(resolve));
    expect(outWrites).toEqual(['a\nb\n', 'c\n']);
  });
});
