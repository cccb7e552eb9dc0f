/** What every policy source reports, and the small I/O surface they need (faked in tests). */

export type SourceRead =
  | { status: 'absent'; source: string }
  | { status: 'found'; source: string; values: Record<string, unknown> }
  | { status: 'error'; source: string; reason: string };

export interface PolicyFileStat {
  uid: number;
  /** POSIX permission bits (st_mode). */
  mode: number;
  size: number;
  isFile: boolean;
}

export interface PolicyFs {
  /** null when nothing exists at that path; throws for other errors (permission denied…). */
  stat(path: string): Promise<PolicyFileStat | null>;
  readFile(path: string): Promise<Uint8Array>;
}

/** Largest policy file read (a logo inline as a data URL fits well within it). */
export const MAX_POLICY_FILE_BYTES = 1024 * 1024;

/**
 * On Linux and macOS a policy file must be owned by root and writable by nobody else.
 * Otherwise any local account could rewrite the policy of everyone on the machine (say,
 * point updates at its own server, which runs code as the next user), so such a file is
 * refused as unreadable (which fails closed) rather than trusted.
 */
export function untrustedFileReason(stat: PolicyFileStat): string | null {
  if (!stat.isFile) return 'not a regular file';
  if (stat.uid !== 0) return `owned by uid ${stat.uid}, not root`;
  if ((stat.mode & 0o022) !== 0) return `writable by group or others (mode ${(stat.mode & 0o777).toString(8)})`;
  return null;
}
