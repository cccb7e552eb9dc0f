/**
 * The one contract between the renderer and its host (Electron's main process, or the
 * e2e harness that stands in for it). The preload, the main-process handler table and the
 * renderer's `window.tandem` type are all derived from `hostMethodParams` and `HostResults`.
 */
import * as z from 'zod';

export const languageSchema = z.enum(['fr', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const serverUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be a ws:// or wss:// URL without credentials');

export const settingsSchema = z.strictObject({
  language: z.enum(['system', 'fr', 'en']),
  serverUrl: serverUrlSchema,
  consultantName: z.string().max(60),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export interface AppInfo {
  version: string;
  platform: string;
  /** The operating system's preferred languages, best first (BCP 47). */
  systemLocales: string[];
}

/** A screen the user may share, as shown in the in-app picker. */
export interface ScreenSource {
  id: string;
  name: string;
  /** PNG data URL, or null when the platform gives none. */
  thumbnail: string | null;
}

export const hostMethodParams = {
  'app.getInfo': z.undefined(),
  'settings.get': z.undefined(),
  'settings.update': settingsPatchSchema,
  'capture.listSources': z.undefined(),
  'capture.selectSource': z.strictObject({ id: z.string().min(1).max(256) }),
} satisfies Record<`${string}.${string}`, z.ZodType>;

export interface HostResults {
  'app.getInfo': AppInfo;
  'settings.get': Settings;
  'settings.update': Settings;
  'capture.listSources': ScreenSource[];
  'capture.selectSource': null;
}

export type HostMethod = keyof typeof hostMethodParams;
export type HostParams<M extends HostMethod> = z.output<(typeof hostMethodParams)[M]>;
export const HOST_METHODS = Object.keys(hostMethodParams) as HostMethod[];

type MethodFn<M extends HostMethod> = undefined extends HostParams<M>
  ? () => Promise<HostResults[M]>
  : (params: z.input<(typeof hostMethodParams)[M]>) => Promise<HostResults[M]>;
type NamespaceOf<M> = M extends `${infer N}.${string}` ? N : never;

/** `window.tandem`: `tandem.settings.update(patch)` for the method 'settings.update'. */
export type HostApi = {
  readonly [N in NamespaceOf<HostMethod>]: {
    readonly [M in HostMethod as M extends `${N}.${infer F}` ? F : never]: MethodFn<M>;
  };
};

export const hostErrorCodes = ['unknown-method', 'invalid-params', 'forbidden-sender', 'unavailable', 'failed'] as const;
export type HostErrorCode = (typeof hostErrorCodes)[number];
export type HostReply = { ok: true; value: unknown } | { ok: false; error: { code: HostErrorCode; message: string } };

/** Prefix of the message of every error a host call rejects with; the code follows it. */
export const HOST_ERROR_PREFIX = 'tandem-host:';

/**
 * Builds the nested `window.tandem` object over a transport. It must stay self-contained
 * (no reference to anything outside its body): the e2e harness injects its source text
 * into the page, so the preload and the harness expose the very same surface.
 */
export function buildHostApi(methods: readonly string[], call: (method: string, params: unknown) => Promise<unknown>): HostApi {
  const api: Record<string, Record<string, (params?: unknown) => Promise<unknown>>> = {};
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
  return Object.freeze(api) as unknown as HostApi;
}

/** The host error code inside an error thrown by a `window.tandem` call, if it is one. */
export function hostErrorCode(error: unknown): HostErrorCode | null {
  const message = error instanceof Error ? error.message : '';
  const at = message.indexOf(HOST_ERROR_PREFIX);
  if (at < 0) return null;
  const code = message.slice(at + HOST_ERROR_PREFIX.length).split(':')[0];
  return (hostErrorCodes as readonly string[]).includes(code ?? '') ? (code as HostErrorCode) : null;
}
