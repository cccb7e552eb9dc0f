import type { MailLanguage } from './mail-language';

/** The support mailbox (docs/deployment.md, "Connecting the support mailbox"); read from the environment by config.ts. */
export interface MailServerAddress {
  host: string;
  port: number;
  /** TLS from the first byte (993, 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
}

export interface MailConfig {
  imap: MailServerAddress;
  smtp: Omit<MailServerAddress, 'user' | 'password'> & { user?: string; password?: string };
  /** The support address the answers come from ("Help desk <support@example.org>"). */
  from: string;
  /** The organisation whose queue receives the requests (its slug). */
  organisation: string;
  /** 'auto': the mail's own language (Content-Language, else its words). */
  language: MailLanguage | 'auto';
  /** Messages larger than this are kept aside unread. */
  maxMessageBytes: number;
  /** Each attachment, and all of one message's together. */
  maxAttachmentBytes: number;
  maxAttachmentsBytes: number;
  /** Incoming messages from one address per hour beyond which they are kept aside (a flood). */
  maxPerSenderPerHour: number;
  /** The IMAP folder where kept-aside messages are moved (created when missing). */
  keepAsideFolder: string;
  /** Shown in invitations to people who do not have the app yet. */
  appDownloadUrl: string | null;
}

export const MAIL_DEFAULTS = {
  maxMessageBytes: 25 * 1024 * 1024,
  maxAttachmentBytes: 5 * 1024 * 1024,
  maxAttachmentsBytes: 10 * 1024 * 1024,
  maxPerSenderPerHour: 10,
  keepAsideFolder: 'Tandem kept aside',
} as const;
