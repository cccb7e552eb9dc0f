import type { ClipboardReadResult, ReceiveResult } from '../../../shared/files';

/** A file this side offers: read in chunks (base64), closed when the transfer ends. */
export interface OutgoingFile {
  name: string;
  size: number;
  sha256: string;
  read(offset: number, length: number): Promise<string>;
  close(): void;
}

/** Where an accepted incoming file goes; `finish` hashes, then keeps or deletes it. */
export interface IncomingFile {
  write(offset: number, data: string): Promise<void>;
  finish(): Promise<ReceiveResult>;
  cancel(): Promise<void>;
}

/** What differs between the user's app (the host does it) and the consultant's browser. */
export interface LocalPorts {
  receive(offer: { name: string; size: number; sha256: string }): Promise<IncomingFile>;
  readClipboard(): Promise<ClipboardReadResult>;
  writeClipboard(text: string): Promise<void>;
}
