import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard, in node:crypto, no native add-on).
 *
 * Parameters: N = 2^15, r = 8, p = 1, 32-byte key, 16-byte random salt. Memory per hash is
 * 128·N·r = 32 MiB, ~50–100 ms on one core here: that is what makes each guess against a stolen
 * database expensive (OWASP's scrypt minimum is N=2^17,r=8,p=1 *or* an equivalent trade-off;
 * raise `cost` on faster hosts: stored hashes carry their own parameters, so old ones still verify).
 * Format: scrypt$<log2 N>$<r>$<p>$<salt b64>$<key b64>.
 */
export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { log2N: 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.log2N;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.log2N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

const FORMAT = /^scrypt\$(\d{1,2})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const [, log2N, r, p, salt, key] = match;
  const params = { log2N: Number(log2N), r: Number(r), p: Number(p) };
  // Bounds on what a (tampered) stored hash may ask for: no unbounded memory or CPU.
  if (params.log2N < 10 || params.log2N > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return false;
  const expected = Buffer.from(key ?? '', 'base64');
  const actual = await derive(password, Buffer.from(salt ?? '', 'base64'), params);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

let dummy: Promise<string> | undefined;
/**
 * A hash to verify against when the account does not exist, so that "no such e-mail" costs the
 * same time as "wrong password" and replies cannot be used to enumerate accounts.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
