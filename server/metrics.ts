import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one server instance, in a registry of its own (tests run several
 * instances in one process). Every series carries the `instance` label, so a cluster's
 * instances stay apart once scraped together.
 */
/** `guess-budget`: refused by the server-wide brake on wrong guesses (an alert: someone is guessing from many addresses). */
export type RefusedGuess = 'wrong-code' | 'expired-code' | 'used-code' | 'too-many-attempts' | 'guess-budget';
export type ResumeOutcome = 'resumed' | 'forged' | 'expired' | 'replayed' | 'ended' | 'busy';

/** What the session hub reports; every method is cheap and never throws. */
export interface HubMetrics {
  paired(): void;
  refusedGuess(reason: RefusedGuess): void;
  resume(outcome: ResumeOutcome): void;
  /** Seconds from a signal received to it handed to the peer's socket, the relay, or the queue. */
  relayed(seconds: number): void;
}

export interface ServerMetrics extends HubMetrics {
  readonly contentType: string;
  render(): Promise<string>;
}

export function createMetrics(instance: string, live: { sessions: () => number; sockets: () => number }): ServerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ instance });
  const registers = [registry];
  new Gauge({ name: 'tandem_live_sessions', help: 'Sessions with a member connected to this instance.', registers, collect() { this.set(live.sessions()); } });
  new Gauge({ name: 'tandem_connected_sockets', help: 'Open WebSocket connections on this instance.', registers, collect() { this.set(live.sockets()); } });
  const pairings = new Counter({ name: 'tandem_pairings_total', help: 'Codes redeemed: a user joined a consultant.', registers });
  const refused = new Counter({ name: 'tandem_refused_guesses_total', help: 'Join attempts refused, by reason.', labelNames: ['reason'], registers });
  const resumes = new Counter({ name: 'tandem_resumes_total', help: 'Resume attempts, by outcome.', labelNames: ['outcome'], registers });
  const relay = new Histogram({
    name: 'tandem_relay_latency_seconds',
    help: 'From a signal received to it sent to the peer (or published to its instance).',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  return {
    paired: () => pairings.inc(),
    refusedGuess: (reason) => refused.inc({ reason }),
    resume: (outcome) => resumes.inc({ outcome }),
    relayed: (seconds) => relay.observe(seconds),
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}
