import type { HostErrorCode } from '../../shared/host-api';

/** A failure a handler reports on purpose, with a code the renderer can act on. */
export class HostCallError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
  }
}
