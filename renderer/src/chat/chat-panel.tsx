import { useEffect, useId, useState, type FormEvent } from 'react';
import { getHost } from '../host/host';
import { useLanguageStore, useT } from '../i18n/language-store';
import { useSessionStore } from '../session/session-store';
import { activeChat } from './active-chat';
import { useChatStore } from './chat-store';

const QUICK_REPLIES = ['chat.quick.1', 'chat.quick.2', 'chat.quick.3', 'chat.quick.4'] as const;
const STATUS_PRESETS = ['chat.statusPreset.1', 'chat.statusPreset.2', 'chat.statusPreset.3'] as const;

/** The conversation, on both sides; the consultant also gets quick replies and status updates. */
export function ChatPanel({ peerName }: { peerName: string | null }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const role = useSessionStore((store) => store.role);
  const entries = useChatStore((store) => store.entries);
  const peerTyping = useChatStore((store) => store.peerTyping);
  const ready = useChatStore((store) => store.ready);
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState('');
  const inputId = useId();
  const [ownReplies, setOwnReplies] = useState<string[]>([]);
  useEffect(() => {
    void getHost()
      .settings.get()
      .then((settings) => setOwnReplies(settings.quickReplies ?? []))
      .catch(() => undefined);
  }, []);
  const replies = ownReplies.length > 0 ? ownReplies : QUICK_REPLIES.map((key) => t(key));
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (activeChat()?.say(draft)) setDraft('');
  };

  return (
    <section className="chat-panel" aria-label={t('chat.title')} data-testid="chat">
      <h2>{t('chat.title')}</h2>
      {/* The log role sits on a wrapper: on the <ol> itself it would hide the list from screen readers. */}
      <div className="chat-log" role="log" aria-live="polite" aria-label={t('chat.log')}>
        {entries.length === 0 && <p className="muted">{t('chat.empty')}</p>}
        <ol className="chat-entries">
        {entries.map((entry) => (
          <li key={entry.id} className={`chat-entry ${entry.from}`} data-testid="chat-entry" data-from={entry.from}>
            <span className="chat-meta">
              {entry.from === 'me' ? t('chat.me') : (peerName ?? '')} · <time dateTime={new Date(entry.at).toISOString()}>{time.format(entry.at)}</time>
            </span>
            {/* Plain text: links and markup are shown, never opened or rendered. */}
            <span className="chat-text">{entry.text}</span>
          </li>
        ))}
        </ol>
      </div>
      <p className="muted typing" aria-live="polite">
        {peerTyping ? (peerName ? t('chat.peerTyping', { name: peerName }) : t('chat.someoneTyping')) : ''}
      </p>
      <form onSubmit={submit} className="chat-form">
        <label htmlFor={inputId}>{t('chat.label')}</label>
        <textarea
          id={inputId}
          value={draft}
          rows={2}
          maxLength={2000}
          onChange={(event) => {
            setDraft(event.target.value);
            activeChat()?.typing(event.target.value.length > 0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) submit(event);
          }}
        />
        <button type="submit" disabled={!ready}>
          {t('chat.send')}
        </button>
      </form>
      {role === 'consultant' && (
        <>
          <div className="quick-replies" role="group" aria-label={t('chat.quickReplies')}>
            {replies.map((reply) => (
              <button key={reply} type="button" className="small" disabled={!ready} onClick={() => activeChat()?.say(reply)}>
                {reply}
              </button>
            ))}
          </div>
          <form
            className="status-form"
            onSubmit={(event) => {
              event.preventDefault();
              activeChat()?.postStatus(status);
              setStatus('');
            }}
          >
            <label htmlFor={`${inputId}-status`}>{t('chat.statusLabel')}</label>
            <input id={`${inputId}-status`} list={`${inputId}-presets`} value={status} maxLength={200} onChange={(event) => setStatus(event.target.value)} />
            <datalist id={`${inputId}-presets`}>
              {STATUS_PRESETS.map((key) => (
                <option key={key} value={t(key)} />
              ))}
            </datalist>
            <button type="submit" disabled={!ready}>
              {t('chat.postStatus')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

/** The consultant's latest status update, prominent on the user's screen. */
export function StatusUpdate({ peerName }: { peerName: string }) {
  const t = useT();
  const status = useChatStore((store) => store.status);
  if (!status) return null;
  return (
    <p className="status-update" role="status" data-testid="status-update">
      {t('chat.statusFrom', { name: peerName, status })}
    </p>
  );
}
