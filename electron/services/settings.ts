import { settingsSchema, type Settings, type SettingsPatch } from '../../shared/host-api';
import type { Logger } from '../../shared/log';

/** Where settings live: electron-store in the app, memory in tests and the e2e harness. */
export interface SettingsBackend {
  read(): unknown;
  write(value: Settings): void;
}

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

export const DEFAULT_SERVER_URL = 'ws://127.0.0.1:8787/ws';

export function defaultSettings(): Settings {
  return { language: 'system', serverUrl: DEFAULT_SERVER_URL, consultantName: '' };
}

/**
 * Reads settings field by field, so one corrupt value (hand-edited file, older version)
 * falls back to its default without losing the others; the cleaned result is written back.
 */
export function createSettingsService(backend: SettingsBackend, log: Logger, defaults = defaultSettings()): SettingsService {
  let current = load();

  function load(): Settings {
    let stored: unknown;
    try {
      stored = backend.read();
    } catch (error) {
      log.warn('settings.unreadable', { reason: String(error) });
      stored = undefined;
    }
    const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
    const result: Settings = { ...defaults };
    const rejected: string[] = [];
    // Every known field, including optional ones without a default (e.g. organisation).
    for (const key of Object.keys(settingsSchema.shape) as (keyof Settings)[]) {
      if (!(key in source)) continue;
      const field = settingsSchema.shape[key].safeParse(source[key]);
      if (field.success) Object.assign(result, { [key]: field.data });
      else rejected.push(key);
    }
    if (rejected.length > 0 || stored === undefined || Object.keys(source).length !== Object.keys(result).length) {
      if (rejected.length > 0) log.warn('settings.reset-invalid-fields', { fields: rejected.join(',') });
      persist(result);
    }
    return result;
  }

  function persist(value: Settings): void {
    try {
      backend.write(value);
    } catch (error) {
      // The app keeps working with in-memory settings; the next change tries again.
      log.error('settings.write-failed', { reason: String(error) });
    }
  }

  return {
    get: () => ({ ...current }),
    update(patch) {
      current = settingsSchema.parse({ ...current, ...patch });
      persist(current);
      return { ...current };
    },
  };
}

export function createMemorySettingsBackend(initial?: unknown): SettingsBackend {
  let value = initial;
  return {
    read: () => value,
    write: (next) => {
      value = structuredClone(next);
    },
  };
}
