import {
  FILE_CHUNK_BYTES,
  FILE_WINDOW_BYTES,
  filesMessageSchema,
  MAX_ACTIVE_TRANSFERS,
  sanitizeFileName,
  type FileOffer,
  type FilesMessage,
} from '../../../shared/files';
import { base64ByteLength, randomTransferId } from './base64';
import type { FilesStoreApi, TransferStatus } from './files-store';
import type { IncomingFile, LocalPorts, OutgoingFile } from './ports';

interface Outgoing {
  kind: 'out';
  source: OutgoingFile;
  state: 'offered' | 'sending' | 'sent' | 'over';
  sent: number;
  acked: number;
  pumping: boolean;
}

interface Incoming {
  kind: 'in';
  offer: FileOffer;
  state: 'incoming' | 'opening' | 'receiving' | 'over';
  sink: IncomingFile | null;
  /** Writes run one after another, in arrival order. */
  chain: Promise<void>;
  queued: number;
}

export interface FileTransfersDeps {
  role: 'user' | 'consultant';
  send: (message: FilesMessage) => void;
  ports: LocalPorts;
  store: FilesStoreApi;
}

/** More chunks than the window allows, queued unwritten: the sender ignores acknowledgements. */
const MAX_QUEUED_CHUNKS = Math.ceil(FILE_WINDOW_BYTES / FILE_CHUNK_BYTES) + 2;

/**
 * Both ends of file transfers and clipboard text, for either role. Nothing is received without
 * this side's explicit agreement; the sender keeps at most FILE_WINDOW_BYTES unacknowledged.
 */
export class FileTransfers {
  private readonly transfers = new Map<string, Outgoing | Incoming>();

  constructor(private readonly deps: FileTransfersDeps) {}

  handle(raw: unknown): boolean {
    const parsed = filesMessageSchema.safeParse(raw);
    if (!parsed.success) return false;
    const message = parsed.data;
    switch (message.t) {
      case 'file.offer':
        this.onOffer(message.offer);
        break;
      case 'file.accept':
        this.withOutgoing(message.id, (out) => {
          if (out.state !== 'offered') return;
          out.state = 'sending';
          this.status(message.id, 'transferring');
          void this.pump(message.id, out);
        });
        break;
      case 'file.ack':
        this.withOutgoing(message.id, (out) => {
          if (message.received <= out.acked || message.received > out.sent) return;
          out.acked = message.received;
          this.deps.store.upsert(message.id, { transferred: out.acked });
          void this.pump(message.id, out);
        });
        break;
      case 'file.result':
        this.withOutgoing(message.id, (out) => this.endOutgoing(message.id, out, message.ok ? 'done' : 'rejected'));
        break;
      case 'file.decline':
        this.withOutgoing(message.id, (out) => this.endOutgoing(message.id, out, 'declined'));
        break;
      case 'file.chunk':
        this.withIncoming(message.id, (incoming) => this.onChunk(message.id, incoming, message.offset, message.data));
        break;
      case 'file.end':
        this.withIncoming(message.id, (incoming) => this.onEnd(message.id, incoming));
        break;
      case 'file.cancel': {
        const transfer = this.transfers.get(message.id);
        if (transfer?.kind === 'out') this.endOutgoing(message.id, transfer, 'cancelled');
        if (transfer?.kind === 'in') void this.endIncoming(message.id, transfer, 'cancelled');
        break;
      }
      case 'file.request':
        // Only the consultant may ask, and only the user answers.
        if (this.deps.role === 'user') this.deps.store.set({ request: 'asked', pickNotice: null });
        break;
      case 'file.request.declined':
        if (this.deps.role === 'consultant' && this.deps.store.get().request === 'asked') this.deps.store.set({ request: 'declined' });
        break;
      case 'clipboard.text':
        // One question at a time: further texts are dropped until this one is answered.
        if (this.deps.store.get().clipboardOffer === null) this.deps.store.set({ clipboardOffer: message.text, clipboardNotice: null });
        break;
      case 'clipboard.result':
        this.deps.store.set({ clipboardNotice: message.accepted ? 'accepted' : 'declined' });
        break;
    }
    return true;
  }

  // ---- sending ----

  /** Offers a file to the other side; nothing is sent until they agree. */
  offer(source: OutgoingFile): string {
    const id = randomTransferId();
    if (this.activeCount() >= MAX_ACTIVE_TRANSFERS) {
      source.close();
      this.deps.store.set({ pickNotice: 'busy' });
      return id;
    }
    this.transfers.set(id, { kind: 'out', source, state: 'offered', sent: 0, acked: 0, pumping: false });
    this.deps.store.upsert(id, { id, direction: 'out', name: sanitizeFileName(source.name), size: source.size, transferred: 0, status: 'offered' });
    this.deps.send({ t: 'file.offer', offer: { id, name: source.name, size: source.size, sha256: source.sha256 } });
    return id;
  }

  /** Consultant: asks the user for a file (a log). */
  requestFile(): void {
    this.deps.send({ t: 'file.request' });
    this.deps.store.set({ request: 'asked' });
  }

  /** User: answers the consultant's request with a file picked by the host. */
  answerRequest(source: OutgoingFile): void {
    this.deps.store.set({ request: 'none', pickNotice: null });
    this.offer(source);
  }

  declineRequest(): void {
    this.deps.store.set({ request: 'none', pickNotice: null });
    this.deps.send({ t: 'file.request.declined' });
  }

  private async pump(id: string, out: Outgoing): Promise<void> {
    if (out.pumping) return;
    out.pumping = true;
    try {
      while (out.state === 'sending' && out.sent < out.source.size && out.sent - out.acked < FILE_WINDOW_BYTES) {
        const offset = out.sent;
        const data = await out.source.read(offset, Math.min(FILE_CHUNK_BYTES, out.source.size - offset));
        if (out.state !== 'sending') return;
        if (data === '') throw new Error('short read');
        out.sent += base64ByteLength(data);
        this.deps.send({ t: 'file.chunk', id, offset, data });
      }
      if (out.state === 'sending' && out.sent >= out.source.size) {
        out.state = 'sent';
        this.deps.send({ t: 'file.end', id });
      }
    } catch {
      this.deps.send({ t: 'file.cancel', id });
      this.endOutgoing(id, out, 'failed');
    } finally {
      out.pumping = false;
    }
  }

  private endOutgoing(id: string, out: Outgoing, status: TransferStatus): void {
    if (out.state === 'over') return;
    out.state = 'over';
    out.source.close();
    this.transfers.delete(id);
    this.status(id, status);
  }

  // ---- receiving ----

  private onOffer(offer: FileOffer): void {
    if (this.transfers.has(offer.id) || this.activeCount() >= MAX_ACTIVE_TRANSFERS) {
      this.deps.send({ t: 'file.decline', id: offer.id });
      return;
    }
    this.transfers.set(offer.id, { kind: 'in', offer, state: 'incoming', sink: null, chain: Promise.resolve(), queued: 0 });
    this.deps.store.upsert(offer.id, { id: offer.id, direction: 'in', name: sanitizeFileName(offer.name), size: offer.size, transferred: 0, status: 'incoming' });
  }

  /** This side agrees to receive: the destination is opened first, then the sender is told to start. */
  async accept(id: string): Promise<void> {
    const incoming = this.transfers.get(id);
    if (incoming?.kind !== 'in' || incoming.state !== 'incoming') return;
    incoming.state = 'opening';
    try {
      incoming.sink = await this.deps.ports.receive(incoming.offer);
    } catch {
      this.deps.send({ t: 'file.cancel', id });
      await this.endIncoming(id, incoming, 'failed');
      return;
    }
    if (incoming.state !== 'opening') {
      // Cancelled by the sender while the destination was being opened.
      await incoming.sink.cancel();
      return;
    }
    incoming.state = 'receiving';
    this.status(id, 'transferring');
    this.deps.send({ t: 'file.accept', id });
  }

  /** Refuses an offer: nothing is written anywhere. */
  decline(id: string): void {
    const incoming = this.transfers.get(id);
    if (incoming?.kind !== 'in' || incoming.state !== 'incoming') return;
    this.deps.send({ t: 'file.decline', id });
    void this.endIncoming(id, incoming, 'declined');
  }

  private onChunk(id: string, incoming: Incoming, offset: number, data: string): void {
    if (incoming.state !== 'receiving' || incoming.queued >= MAX_QUEUED_CHUNKS) {
      this.fail(id, incoming);
      return;
    }
    incoming.queued++;
    incoming.chain = incoming.chain.then(async () => {
      if (incoming.state !== 'receiving' || !incoming.sink) return;
      try {
        await incoming.sink.write(offset, data);
      } catch {
        this.fail(id, incoming);
        return;
      } finally {
        incoming.queued--;
      }
      const received = offset + base64ByteLength(data);
      this.deps.store.upsert(id, { transferred: received });
      this.deps.send({ t: 'file.ack', id, received });
    });
  }

  private onEnd(id: string, incoming: Incoming): void {
    if (incoming.state !== 'receiving') return;
    incoming.chain = incoming.chain.then(async () => {
      if (incoming.state !== 'receiving' || !incoming.sink) return;
      this.status(id, 'verifying');
      try {
        const result = await incoming.sink.finish();
        incoming.state = 'over';
        this.transfers.delete(id);
        this.deps.send({ t: 'file.result', id, ok: result.ok });
        this.deps.store.upsert(id, result.ok ? { status: 'done', savedAs: result.savedAs } : { status: 'rejected' });
      } catch {
        this.fail(id, incoming);
      }
    });
  }

  private fail(id: string, incoming: Incoming): void {
    if (incoming.state === 'over') return;
    this.deps.send({ t: 'file.cancel', id });
    void this.endIncoming(id, incoming, 'failed');
  }

  private async endIncoming(id: string, incoming: Incoming, status: TransferStatus): Promise<void> {
    if (incoming.state === 'over') return;
    incoming.state = 'over';
    this.transfers.delete(id);
    this.status(id, status);
    // Deletes the partial file; a refused or cancelled transfer leaves nothing behind.
    await incoming.sink?.cancel().catch(() => undefined);
  }

  // ---- both ----

  /** Stops a transfer from this side, whichever direction: the other side is told. */
  cancel(id: string): void {
    const transfer = this.transfers.get(id);
    if (!transfer) return;
    if (transfer.kind === 'in' && transfer.state === 'incoming') return this.decline(id);
    this.deps.send({ t: 'file.cancel', id });
    if (transfer.kind === 'out') this.endOutgoing(id, transfer, 'cancelled');
    else void this.endIncoming(id, transfer, 'cancelled');
  }

  /** Reads this side's clipboard once (on a click) and sends the text. */
  async sendClipboard(): Promise<void> {
    let result;
    try {
      result = await this.deps.ports.readClipboard();
    } catch {
      this.deps.store.set({ clipboardNotice: 'unavailable' });
      return;
    }
    if (!result.ok) {
      this.deps.store.set({ clipboardNotice: result.reason });
      return;
    }
    this.deps.send({ t: 'clipboard.text', text: result.text });
    this.deps.store.set({ clipboardNotice: 'sent' });
  }

  async answerClipboard(accept: boolean): Promise<void> {
    const text = this.deps.store.get().clipboardOffer;
    if (text === null) return;
    this.deps.store.set({ clipboardOffer: null });
    let written = false;
    if (accept) {
      try {
        await this.deps.ports.writeClipboard(text);
        written = true;
      } catch {
        this.deps.store.set({ clipboardNotice: 'unavailable' });
      }
    }
    if (written) this.deps.store.set({ clipboardNotice: 'written' });
    this.deps.send({ t: 'clipboard.result', accepted: written });
  }

  async dispose(): Promise<void> {
    const ending: Promise<void>[] = [];
    for (const [id, transfer] of [...this.transfers.entries()]) {
      if (transfer.kind === 'out') this.endOutgoing(id, transfer, 'cancelled');
      else ending.push(this.endIncoming(id, transfer, 'cancelled'));
    }
    await Promise.all(ending);
  }

  private activeCount(): number {
    return this.transfers.size;
  }

  private status(id: string, status: TransferStatus): void {
    this.deps.store.upsert(id, { status });
  }

  private withOutgoing(id: string, act: (out: Outgoing) => void): void {
    const transfer = this.transfers.get(id);
    if (transfer?.kind === 'out') act(transfer);
  }

  private withIncoming(id: string, act: (incoming: Incoming) => void): void {
    const transfer = this.transfers.get(id);
    if (transfer?.kind === 'in') act(transfer);
  }
}
