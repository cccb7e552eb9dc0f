import { chatMessageSchema, MAX_CHAT_TEXT, MAX_STATUS_TEXT, type ChatWireMessage } from '../../../shared/chat';
import { FeatureKey, type SessionFeature } from '../session/session-feature';
import { useChatStore } from './chat-store';

/** Typing stops showing this long after the last keystroke, even if "stopped" never arrives. */
const TYPING_TIMEOUT_MS = 4000;

/** Chat in both directions, and the consultant's status updates. */
export class Chat implements SessionFeature {
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private lastTypingSent = false;

  constructor(
    private readonly send: (message: ChatWireMessage) => void,
    private readonly now: () => number = Date.now,
  ) {}

  handle(raw: unknown): boolean {
    const parsed = chatMessageSchema.safeParse(raw);
    if (!parsed.success) return false;
    const message = parsed.data;
    const store = useChatStore.getState();
    if (message.t === 'chat.message') {
      // The peer's clock is not ours: show when it arrived.
      store.add({ id: `peer-${message.id}`, from: 'peer', text: message.text, at: this.now() });
    } else if (message.t === 'chat.typing') {
      store.setPeerTyping(message.typing);
      if (this.typingTimer) clearTimeout(this.typingTimer);
      if (message.typing) this.typingTimer = setTimeout(() => useChatStore.getState().setPeerTyping(false), TYPING_TIMEOUT_MS);
    } else {
      store.setStatus(message.text);
    }
    return true;
  }

  say(text: string): boolean {
    const trimmed = text.trim().slice(0, MAX_CHAT_TEXT);
    if (!trimmed) return false;
    const id = crypto.randomUUID();
    this.send({ t: 'chat.message', id, text: trimmed, sentAt: this.now() });
    useChatStore.getState().add({ id: `me-${id}`, from: 'me', text: trimmed, at: this.now() });
    this.typing(false);
    return true;
  }

  postStatus(text: string): void {
    const trimmed = text.trim().slice(0, MAX_STATUS_TEXT);
    if (!trimmed) return;
    this.send({ t: 'chat.status', text: trimmed });
    useChatStore.getState().setStatus(trimmed);
  }

  /** Tells the other side whether this side is typing; only changes are sent. */
  typing(typing: boolean): void {
    if (typing === this.lastTypingSent) return;
    this.lastTypingSent = typing;
    this.send({ t: 'chat.typing', typing });
  }

  dispose(): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    useChatStore.getState().setReady(false);
  }
}

export const CHAT = new FeatureKey<Chat>('chat', (context) => {
  useChatStore.getState().reset();
  useChatStore.getState().setReady(true);
  return new Chat(context.send);
});
