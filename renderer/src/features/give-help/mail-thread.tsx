import { useState, type FormEvent } from 'react';
import { MAIL_LIMITS, type MailInfo } from '../../../../shared/mail';
import { useLanguageStore, useT } from '../../i18n/language-store';

/** The e-mail side of a request that came by e-mail: the thread, the attachments, and the reply box. */
export function MailThread({ requestId, mail, onReply }: { requestId: string; mail: MailInfo; onReply: (text: string) => void }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const reply = text.trim();
    if (reply === '') return;
    onReply(reply);
    setText('');
  };
  const id = `mail-${requestId}`;
  return (
    <section className="mail-thread" aria-labelledby={`${id}-title`} data-testid="mail-thread">
      <h2 id={`${id}-title`}>{t('queue.mailTitle', { address: mail.address })}</h2>
      <ol className="mail-messages">
        {mail.thread.map((entry) => (
          <li key={`${entry.at}-${entry.direction}-${entry.text.slice(0, 20)}`} className={`mail-message mail-${entry.direction}`}>
            <p className="muted">
              {t(entry.direction === 'in' ? 'queue.mailFromPerson' : 'queue.mailFromUs')} · <time dateTime={new Date(entry.at).toISOString()}>{time.format(entry.at)}</time>
            </p>
            <p className="queue-description">{entry.text}</p>
          </li>
        ))}
      </ol>
      {mail.attachments.length > 0 && (
        <>
          <h3>{t('queue.mailAttachments')}</h3>
          <ul>
            {mail.attachments.map((a, index) => (
              <li key={`${index}-${a.name}`}>{t('queue.mailAttachment', { name: a.name, size: Math.max(1, Math.round(a.size / 1024)) })}</li>
            ))}
          </ul>
        </>
      )}
      <form onSubmit={submit}>
        <label htmlFor={`${id}-reply`}>{t('queue.mailReplyLabel')}</label>
        <textarea id={`${id}-reply`} rows={4} maxLength={MAIL_LIMITS.replyText} value={text} onChange={(event) => setText(event.target.value)} />
        <div className="actions">
          <button type="submit" disabled={text.trim() === ''}>
            {t('queue.mailReply')}
          </button>
        </div>
      </form>
    </section>
  );
}
