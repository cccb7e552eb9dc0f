/**
 * Everything a check may touch comes through this context, so tests swap in fakes and
 * loopback fixtures, and the CLI can promise that nothing leaves the machine by default.
 */
import dns from 'node:dns';
import { readFile } from 'node:fs/promises';
import { runProcess, type ProcessRunner } from './process-runner';
import { createSystemInfo, type SystemInfo } from './system-info';

export interface DiagnosticsConfig {
  /** The organisation's server (ws, wss, http or https URL), checked before anything else. */
  serverUrl?: string;
  /** A name for the DNS checks; defaults to the server's host name. */
  dnsName?: string;
  /** A resolver to test besides the system one: `IP` or `IP:PORT` (`[v6]:PORT`). */
  dnsServer?: string;
  /** `host:port` (TCP connect) or `http(s)://…` (HTTP request), in the order given. */
  hosts: string[];
  /** A URL whose answer is known; anything else hints at a captive portal (hotel Wi-Fi). */
  captivePortal?: { url: string; expectStatus: number; expectBody?: string };
  /** Off unless asked: probing sends packets to the router. */
  probeGateway: boolean;
  /** Ports tried on the gateway; a refusal proves it is there as well as an accept. */
  gatewayPorts: number[];
}

export interface Timeouts {
  /** Default budget of one check. */
  checkMs: number;
  dnsMs: number;
  tcpMs: number;
  httpMs: number;
  commandMs: number;
  /** The whole run: checks still waiting then are reported as not run. */
  runMs: number;
}

/** The machine a run happens on; the config (what to probe) is given per run. */
export interface DiagnosticsContext {
  platform: NodeJS.Platform;
  now: () => number;
  timeouts: Timeouts;
  runner: ProcessRunner;
  si: SystemInfo;
  readFile: (path: string) => Promise<string>;
  /** The system resolver (getaddrinfo): what applications actually use. */
  lookup: (name: string) => Promise<string[]>;
  env: Readonly<Record<string, string | undefined>>;
  /** Extra trusted CA certificates (PEM) for HTTPS checks: a private CA, or tests. */
  ca?: string;
}

/** What one check receives: the context, the run's config, and a signal that fires when its time is up. */
export interface CheckContext extends DiagnosticsContext {
  config: DiagnosticsConfig;
  signal: AbortSignal;
}

export const DEFAULT_TIMEOUTS: Timeouts = { checkMs: 8000, dnsMs: 2500, tcpMs: 2000, httpMs: 4000, commandMs: 5000, runMs: 28_000 };

export function defaultConfig(): DiagnosticsConfig {
  return { hosts: [], probeGateway: false, gatewayPorts: [53, 80, 443] };
}

export function createDiagnosticsContext(overrides: Partial<DiagnosticsContext> = {}): DiagnosticsContext {
  return {
    platform: process.platform,
    now: () => Date.now(),
    timeouts: DEFAULT_TIMEOUTS,
    runner: runProcess,
    si: createSystemInfo(),
    readFile: (path) => readFile(path, 'utf8'),
    lookup: async (name) => (await dns.promises.lookup(name, { all: true })).map((entry) => entry.address),
    env: process.env,
    ...overrides,
  };
}
