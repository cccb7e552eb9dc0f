/** Test helper: a 2D canvas context that records every drawing call and every non-finite number it was given. Used only by *.test.ts. */
export function recordingCanvas() {
  const calls: { method: string; args: unknown[] }[] = [];
  const nonFinite: string[] = [];
  const target: Record<string, unknown> = {};
  const context = new Proxy(target, {
    get: (object, name) =>
      typeof name !== 'string' || name in object
        ? object[name as string]
        : (...args: unknown[]) => {
            calls.push({ method: name, args });
            for (const arg of args) if (typeof arg === 'number' && !Number.isFinite(arg)) nonFinite.push(`${name}(${args.join(', ')})`);
          },
    set: (object, name, value) => {
      if (typeof value === 'number' && !Number.isFinite(value)) nonFinite.push(`${String(name)} = ${value}`);
      object[name as string] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return {
    context,
    nonFinite,
    /** How many times `method` was called since the last `reset`. */
    count: (method: string) => calls.filter((call) => call.method === method).length,
    reset: () => void calls.splice(0),
  };
}
