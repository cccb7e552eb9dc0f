import * as z from 'zod';

/** `localhost`, 127.0.0.0/8 and ::1, as URL.hostname spells them: traffic that never leaves this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * What is wrong with a server address, or null. `invalid`: not a ws:// or wss:// URL, or one
 * with credentials in it. `insecure`: ws:// to another computer, where passwords, second-factor
 * codes and tokens would cross the network in clear; ws:// stays allowed for loopback (a server
 * on this computer, development and tests).
 */
export function serverUrlProblem(value: string): 'invalid' | 'insecure' | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'invalid';
  }
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.username !== '' || url.password !== '') return 'invalid';
  return url.protocol === 'ws:' && !isLoopbackHost(url.hostname) ? 'insecure' : null;
}

/**
 * The signaling server's address, wherever it comes from (settings, managed policy, a resume
 * record). Kept in a module of its own so host-api and policy share it without importing each other.
 */
export const serverUrlSchema = z
  .string()
  .max(2048)
  .superRefine((value, context) => {
    const problem = serverUrlProblem(value);
    if (problem === 'invalid') context.addIssue({ code: 'custom', message: 'must be a ws:// or wss:// URL without credentials' });
    if (problem === 'insecure') context.addIssue({ code: 'custom', message: 'must be wss:// for a server on another computer (ws:// only for loopback)' });
  });
