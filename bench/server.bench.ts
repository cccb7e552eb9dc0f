import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from '@playwright/test';
import { cpuSecondsOf, loadAverage } from './proc';
import { distribution, recordMetrics, single } from './record';
import { openIdleSockets, pairingRun, relayRun } from './server/load';
import { BENCH_METRICS_TOKEN, startServerProcess } from './server/server-process';

const MAX_SOCKETS = 10_000;
const PAIRING_MS = 5000;
const RELAY_PAIRS = 50;

/** This process's open-files soft limit: the load generator needs one descriptor per socket. */
function fdLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s{2,}/)[1] ?? 1024);
}

test('server: idle sockets, pairings per second, relay latency', async () => {
  const server = await startServerProcess();
  const url = `ws://127.0.0.1:${server.port}/ws`;
  try {
    // ---- idle sockets and their memory: RSS after a full GC, before and after.
    const target = Math.min(MAX_SOCKETS, fdLimit() - 200);
    const warm = await openIdleSockets(url, 100, 100, 10_000);
    warm.clients.forEach((client) => client.close());
    await sleep(500);
    const rssBefore = await server.rss();
    const idle = await openIdleSockets(url, target, 500, 60_000);
    await sleep(1000);
    const rssAfter = await server.rss();
    const health = (await (await fetch(`http://127.0.0.1:${server.port}/healthz`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).json()) as { connections: number };
    idle.clients.forEach((client) => client.close());
    const perSocket = (rssAfter - rssBefore) / Math.max(1, idle.clients.length);
    const idleDetails = { method: 'N WebSockets (each waited for its hello) to the real server in a child process; VmRSS after gc() before/after', target, fdLimit: fdLimit(), failed: idle.failed, openMs: idle.ms, serverReportedConnections: health.connections, rssBeforeMb: Math.round(rssBefore / 2 ** 20), rssAfterMb: Math.round(rssAfter / 2 ** 20) };
    await sleep(2000);

    // ---- pairings: create + join over fresh sockets, as fast as 64 loops go, for 5 s.
    const cpuAtPairing = cpuSecondsOf(server.pid);
    const pairing = await pairingRun(url, 64, PAIRING_MS, 20_000);
    const pairingServerCpuPct = Math.round(((cpuSecondsOf(server.pid) - cpuAtPairing) / pairing.seconds) * 100);
    await sleep(1000);

    // ---- relay: 50 pairs, each socket sending 20 signal messages a second for 5 s.
    const cpuAtRelay = cpuSecondsOf(server.pid);
    const relay = await relayRun(url, RELAY_PAIRS, 20, 5000);
    const relayServerCpuPct = Math.round(((cpuSecondsOf(server.pid) - cpuAtRelay) / relay.seconds) * 100);
    const relayed = distribution('relay', 'ms', relay.latencies);

    await recordMetrics('server', [
      single('server_idle_sockets', 'sockets', health.connections, 1, { details: idleDetails }),
      single('server_bytes_per_socket', 'bytes', perSocket, idle.clients.length, { details: idleDetails }),
      single('server_pairings_per_s', 'pairs/s', pairing.pairs / pairing.seconds, pairing.pairs, {
        details: { method: '64 concurrent loops: 2 fresh sockets, session.create → session.join → both told; one source address (the join throttle counts failures only)', ...pairing, serverCpuPctOfOneCore: pairingServerCpuPct, machineLoad1m: loadAverage() },
      }),
      single('server_relay_p99_ms', 'ms', relayed.p99 ?? Number.NaN, relay.latencies.length, {
        p50: relayed.p50, p95: relayed.p95, p99: relayed.p99,
        details: { method: `${RELAY_PAIRS} pairs, every socket sends a signal (candidate) 20×/s; send→receive in the load process`, serverCpuPctOfOneCore: relayServerCpuPct, machineLoad1m: loadAverage(), sent: relay.sent, received: relay.latencies.length, errors: relay.errors.length },
      }),
    ]);
  } finally {
    await server.stop();
  }
});
