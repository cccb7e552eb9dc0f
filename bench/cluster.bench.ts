import { setTimeout as sleep } from 'node:timers/promises';
import { test } from '@playwright/test';
import { startRedis } from '../server/test-support/redis';
import { cpuSecondsOf, loadAverage } from './proc';
import { distribution, recordMetrics, single } from './record';
import { pairingRun, relayRun } from './server/load';
import { startServerProcess } from './server/server-process';

const PAIRING_MS = 5000;
const RELAY_PAIRS = 50;

/**
 * Two instances of the real server on one real redis-server: every pairing creates its code on
 * instance A and joins it on instance B, and every relayed signal crosses from one instance to
 * the other through Redis (the worst case behind a balancer without stickiness).
 */
test('cluster: pairings per second and relay latency across two instances on Redis', async () => {
  const redis = await startRedis();
  const a = await startServerProcess({ redisUrl: redis.url });
  const b = await startServerProcess({ redisUrl: redis.url });
  const urls = { consultant: `ws://127.0.0.1:${a.port}/ws`, user: `ws://127.0.0.1:${b.port}/ws` };
  // Redis's own count of the commands it ran: what each pairing and each relayed signal costs it.
  const stats = redis.connect();
  const commands = async () => Number(/total_commands_processed:(\d+)/.exec(await stats.info('stats'))?.[1] ?? Number.NaN);
  try {
    const cpuAt = [cpuSecondsOf(a.pid), cpuSecondsOf(b.pid)];
    const commandsAtPairing = await commands();
    const pairing = await pairingRun(urls, 64, PAIRING_MS, 20_000);
    const redisCommandsPerPairing = (await commands()) - commandsAtPairing;
    const pairingCpu = [cpuSecondsOf(a.pid) - (cpuAt[0] ?? 0), cpuSecondsOf(b.pid) - (cpuAt[1] ?? 0)].map((s) => Math.round((s / pairing.seconds) * 100));
    await sleep(1000);
    const commandsAtRelay = await commands();
    const relay = await relayRun(urls, RELAY_PAIRS, 20, 5000);
    const redisCommandsInRelay = (await commands()) - commandsAtRelay;
    const relayed = distribution('relay', 'ms', relay.latencies);
    await recordMetrics('cluster', [
      single('cluster_pairings_per_s', 'pairs/s', pairing.pairs / pairing.seconds, pairing.pairs, {
        details: { method: 'two server processes on one redis-server; 64 loops: consultant socket on A creates, user socket on B joins, both told', ...pairing, serverCpuPctOfOneCore: pairingCpu, redisCommandsPerPairing: Math.round((redisCommandsPerPairing / Math.max(1, pairing.pairs)) * 10) / 10, machineLoad1m: loadAverage() },
      }),
      single('cluster_relay_p99_ms', 'ms', relayed.p99 ?? Number.NaN, relay.latencies.length, {
        p50: relayed.p50, p95: relayed.p95, p99: relayed.p99,
        details: { method: `${RELAY_PAIRS} pairs split over A and B, every socket sends a signal 20×/s; send→receive through Redis pub/sub`, machineLoad1m: loadAverage(), sent: relay.sent, received: relay.latencies.length, errors: relay.errors.length, redisCommandsPerSignal: Math.round((redisCommandsInRelay / Math.max(1, relay.sent)) * 10) / 10 },
      }),
    ]);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await redis.stop();
  }
});
