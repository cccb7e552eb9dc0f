import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import type SimplePeer from 'simple-peer';
import { mayLeaveThisMachine } from '../../shared/ice';
import { signalDataSchema } from '../../shared/signaling';
import { startMitmRelay, type MitmRelay, type Side } from './mitm-proxy';

const SIMPLE_PEER_BUNDLE = fileURLToPath(new URL('../../node_modules/simple-peer/simplepeer.min.js', import.meta.url));
// A loopback origin is a secure context; the page itself never touches the network (page.route answers it).
const ATTACKER_URL = 'http://127.0.0.1:9/attacker';

/** What the attacker page saw and did, for the test to prove the attack worked. */
export interface AttackReport {
  /** Its two peer connections are up: one with each app. */
  connected: Record<Side, boolean>;
  /** Video tracks received from the user and sent on to the consultant. */
  forwardedVideoTracks: number;
  /** Data-channel messages passed on toward each side. */
  forwardedMessages: Record<Side, number>;
}

/**
 * The person in the middle: a malicious signaling relay (mitm-proxy.ts) plus a third browser
 * page that terminates both peer connections itself, with two simple-peer instances (the same
 * library the apps use). Toward the user it plays the consultant (it answers the user's offer);
 * toward the consultant it plays the user (it offers). It forwards the user's screen track and
 * every data-channel message both ways, so each app sees a working session, but each app's
 * DTLS peer is the attacker's own certificate.
 */
export interface MitmAttack {
  relay: MitmRelay;
  report(): Promise<AttackReport>;
  /** What happened on the attacker's side, in order (for a failed test's attachments). */
  logs: string[];
  dispose(): Promise<void>;
}

interface Attacker {
  deliver(from: Side, data: unknown): void;
  report(): AttackReport;
}
type AttackerWindow = Window & {
  SimplePeer: typeof SimplePeer;
  mitmSignal(to: Side, data: unknown): Promise<void>;
  mitmLog(line: string): Promise<void>;
  mitm: Attacker;
};

/** Runs inside the attacker page; self-contained (Playwright serialises it). */
function installAttacker(): void {
  const page = window as unknown as AttackerWindow;
  const report: AttackReport = { connected: { user: false, consultant: false }, forwardedVideoTracks: 0, forwardedMessages: { user: 0, consultant: 0 } };
  let peers: Record<Side, SimplePeer.Instance> | null = null;
  const start = (): Record<Side, SimplePeer.Instance> => {
    const open = (side: Side, initiator: boolean) => {
      const peer = new page.SimplePeer({ initiator, trickle: true, config: { iceServers: [] } });
      const log = (line: string) => void page.mitmLog(`toward ${side}: ${line}`);
      peer.on('signal', (data: unknown) => void page.mitmSignal(side, data));
      peer.on('connect', () => {
        log('connected');
        report.connected[side] = true;
      });
      peer.on('close', () => {
        log('closed');
        report.connected[side] = false;
      });
      peer.on('error', (error: Error) => {
        log(`error ${error.message}`);
        report.connected[side] = false;
      });
      const pc = (peer as unknown as { _pc: RTCPeerConnection })._pc;
      pc.addEventListener('iceconnectionstatechange', () => log(`ice ${pc.iceConnectionState}`));
      return peer;
    };
    // The user's app offers (it is the initiator): the attacker answers it, and makes its own offer to the consultant.
    const started = { user: open('user', false), consultant: open('consultant', true) };
    const pending: Record<Side, Uint8Array[]> = { user: [], consultant: [] };
    const forward = (to: Side, chunk: Uint8Array) => {
      const peer = started[to];
      if (!peer.connected) return void pending[to].push(chunk);
      peer.send(chunk);
      report.forwardedMessages[to] += 1;
    };
    for (const [from, to] of [['user', 'consultant'], ['consultant', 'user']] as const) {
      started[from].on('data', (chunk: Uint8Array) => forward(to, chunk));
      started[to].on('connect', () => {
        for (const chunk of pending[to].splice(0)) forward(to, chunk);
      });
    }
    // The user's screen: received on one connection, sent again (re-encoded) on the other.
    started.user.on('stream', (stream: MediaStream) => {
      report.forwardedVideoTracks += stream.getVideoTracks().length;
      started.consultant.addStream(stream);
    });
    return started;
  };
  page.mitm = {
    deliver(from, data) {
      // Both connections open when the user's app sends its first offer, i.e. once the two apps are paired.
      peers ??= start();
      peers[from].signal(data as SimplePeer.SignalData);
    },
    report: () => structuredClone(report),
  };
}

export async function startMitmAttack(upstream: { httpUrl: string; wsUrl: string }): Promise<MitmAttack> {
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // As for the apps (chromium.ts): host candidates on 127.0.0.1, not mDNS names.
    args: ['--no-sandbox', '--disable-gpu', '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns'],
  });
  const context = await browser.newContext();
  await context.grantPermissions(['camera', 'microphone']);
  const page: Page = await context.newPage();
  await page.route(ATTACKER_URL, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>attacker</title>' }));

  const logs: string[] = [];
  const log = (line: string) => {
    logs.push(`${new Date().toISOString()} ${line}`);
  };
  page.on('pageerror', (error) => log(`page error ${error.message}`));
  await page.exposeFunction('mitmLog', log);
  // Signals arrive in order; each is handed to the page only after the one before.
  let deliveries = Promise.resolve();
  const relay = await startMitmRelay(upstream, (from, data) => {
    log(`from ${from}: ${'type' in data ? data.type : Object.keys(data).join(',')}`);
    deliveries = deliveries.then(() => page.evaluate(([side, signal]) => (window as unknown as AttackerWindow).mitm.deliver(side, signal), [from, data] as const)).catch((error: unknown) => log(`delivery failed: ${String(error)}`));
  });
  await page.exposeFunction('mitmSignal', (to: Side, data: unknown) => {
    const parsed = signalDataSchema.safeParse(data);
    // The attacker's own browser gathers every address; only loopback ones work on this machine.
    if (!parsed.success || !mayLeaveThisMachine(parsed.data, 'loopback')) return;
    log(`to ${to}: ${'type' in parsed.data ? parsed.data.type : Object.keys(parsed.data).join(',')}${'candidate' in parsed.data ? ` ${parsed.data.candidate.candidate}` : ''}`);
    relay.inject(to, parsed.data);
  });
  await page.goto(ATTACKER_URL);
  await page.addScriptTag({ path: SIMPLE_PEER_BUNDLE });
  await page.evaluate(installAttacker);

  return {
    relay,
    logs,
    report: () => page.evaluate(() => (window as unknown as AttackerWindow).mitm.report()),
    async dispose() {
      await relay.close();
      await browser.close();
    },
  };
}
