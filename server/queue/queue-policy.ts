import { createHmac } from 'node:crypto';

/**
 * Bounds on the help queue. Users have no account, so a queue could be filled with fakes from
 * a few networks (issue 15, weakness 5): besides the organisation's total, waiting requests are
 * limited per source address and per source network (/24, /48: one attacker's neighbouring
 * addresses count together), and waiting requests end by themselves (queue-expiry.ts).
 */
export interface QueuePolicy {
  /** Requests one address may submit per hour (a family behind one router still fits). */
  perAddressPerHour: number;
  /** Waiting requests one organisation's queue holds before refusing new ones. */
  maxWaiting: number;
  /** Waiting requests of one organisation from one address. */
  maxWaitingPerAddress: number;
  /** Waiting requests of one organisation from one /24 (IPv4) or /48 (IPv6). */
  maxWaitingPerNetwork: number;
  /** How long a waiting request whose app went away keeps its place. */
  abandonGraceMs: number;
  /** The longest a request may wait. */
  maxAgeMs: number;
  /** How often waiting requests are checked for expiry (a coarse sweep of the records). */
  expirySweepMs: number;
}

export const DEFAULT_QUEUE_POLICY: QueuePolicy = {
  perAddressPerHour: 5,
  maxWaiting: 500,
  maxWaitingPerAddress: 5,
  maxWaitingPerNetwork: 20,
  abandonGraceMs: 2 * 60 * 1000,
  maxAgeMs: 4 * 60 * 60 * 1000,
  expirySweepMs: 30 * 1000,
};

export type Refusal = { code: 'rate-limited' | 'too-many-waiting' | 'queue-full'; text: string };

/**
 * What the user is told: calm, and the same words for the address and the network limit, so
 * nothing says how requests are grouped or counted.
 */
export const REFUSALS = {
  perHour: { code: 'rate-limited', text: 'Too many requests from this network; please call your help desk.' },
  waiting: { code: 'too-many-waiting', text: 'Several requests from your network are already waiting; please wait for an answer or call your help desk.' },
  full: { code: 'queue-full', text: 'The queue is full right now; please call your help desk.' },
} as const satisfies Record<string, Refusal>;

/**
 * A network's label for the consultants: the same for every request of one organisation from
 * one /24 or /48, on every instance (the key is shared), but no address can be read from it, and
 * the same network has unrelated labels in two organisations.
 */
export function networkGroupOf(key: Uint8Array, orgId: number, network: string): string {
  return createHmac('sha256', key).update(`queue-network-group\0${orgId}\0${network}`).digest('hex').slice(0, 6).toUpperCase();
}
