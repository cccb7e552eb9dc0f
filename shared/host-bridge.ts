/**
 * The dependency-free half of the host contract: the method names and the builder of the
 * `window.tandem` object. The sandboxed preload bundles only this file (no zod), and the
 * e2e harness injects `buildHostApi`'s source text into the page.
 */
export const HOST_METHODS = [
  'app.getInfo',
  'app.setBusy',
  'policy.get',
  'settings.get',
  'settings.update',
  'capture.listSources',
  'capture.selectSource',
  'control.request',
  'control.release',
  'control.heartbeat',
  'control.input',
  'control.getStatus',
  'diagnostics.run',
  'repairs.list',
  'repairs.run',
  'files.pick',
  'files.read',
  'files.release',
  'files.receive',
  'files.write',
  'files.finish',
  'files.cancel',
  'clipboard.readText',
  'clipboard.writeText',
  'update.restartNow',
  'update.later',
  'reports.save',
  'reports.list',
  'overlay.show',
  'overlay.setHidden',
  'reconnect.saveTicket',
  'reconnect.takeTicket',
  'reconnect.discard',
  'recording.ask',
  'recording.withdraw',
] as const;

/** The one channel on which the host pushes events (control status, deep links, updates) to the renderer. */
export const HOST_EVENT_CHANNEL = 'tandem:event';

/** The IPC channel of a method; only the preload and the main process ever see it. */
export function hostChannel(method: string): string {
  return `tandem:${method}`;
}

export const hostErrorCodes = ['unknown-method', 'invalid-params', 'forbidden-sender', 'unavailable', 'locked-by-policy', 'not-allowed', 'failed'] as const;
export type HostErrorCode = (typeof hostErrorCodes)[number];
export type HostReply = { ok: true; value: unknown } | { ok: false; error: { code: HostErrorCode; message: string } };

/** Prefix of the message of every error a host call rejects with; the code follows it. */
export const HOST_ERROR_PREFIX = 'tandem-host:';

/**
 * Builds the nested `window.tandem` object over a transport; callers name the typed surface
 * they expect (`HostApi`) so this half of the contract needs no import of the other. It must stay self-contained
 * (no reference to anything outside its body): the e2e harness injects its source text
 * into the page, so the preload and the harness expose the very same surface.
 */
export function buildHostApi<Api extends object = Readonly<Record<string, unknown>>>(
  methods: readonly string[],
  call: (method: string, params: unknown) => Promise<unknown>,
  subscribe: (listener: (event: unknown) => void) => () => void,
): Api {
  const api: Record<string, Record<string, (params?: unknown) => unknown>> = {
    // Host events arrive unvalidated here; the renderer parses each one against hostEventSchema.
    events: { subscribe: (listener: unknown) => (typeof listener === 'function' ? subscribe(listener as (event: unknown) => void) : () => {}) },
  };
  for (const method of methods) {
    const dot = method.indexOf('.');
    const namespace = method.slice(0, dot);
    const member = method.slice(dot + 1);
    const target = (api[namespace] ??= {});
    target[member] = async (params?: unknown) => {
      const reply = (await call(method, params)) as HostReply;
      if (reply.ok) return reply.value;
      throw new Error(`tandem-host:${reply.error.code}: ${reply.error.message}`);
    };
  }
  for (const namespace of Object.values(api)) Object.freeze(namespace);
  return Object.freeze(api) as unknown as Api;
}

/** The host error code inside an error thrown by a `window.tandem` call, if it is one. */
export function hostErrorCode(error: unknown): HostErrorCode | null {
  const message = error instanceof Error ? error.message : '';
  const at = message.indexOf(HOST_ERROR_PREFIX);
  if (at < 0) return null;
  const code = message.slice(at + HOST_ERROR_PREFIX.length).split(':')[0];
  return (hostErrorCodes as readonly string[]).includes(code ?? '') ? (code as HostErrorCode) : null;
}
