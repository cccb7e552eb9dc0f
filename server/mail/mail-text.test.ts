import { describe, expect, it } from 'vitest';
import { newTextOf, printableText } from './mail-text';

describe('the new text of an e-mail', () => {
  it('drops the quoted history (English and French headers) and the signature', () => {
    expect(newTextOf('It works now, thanks!\r\n\r\nOn Mon, Dec 3, 2026 at 10:00 AM Support <support@x.com> wrote:\r\n> Hello\r\n> there\r\n', 500)).toBe('It works now, thanks!');
    expect(newTextOf("Bonjour,\n\nMon imprimante ne marche plus.\n\nMerci\n-- \nJean Dupont\nMairie\n\nLe lun. 3 déc. 2026 à 10:00, Support <support@x.fr> a écrit :\n> Votre demande\n", 500)).toBe('Bonjour,\n\nMon imprimante ne marche plus.\n\nMerci');
    expect(newTextOf('Hi,\nMy screen is black.\n\n\n\n\nBob\n\nSent from my iPhone', 500)).toBe('Hi,\nMy screen is black.\n\nBob');
  });

  it('keeps a message that is only a quote, and bounds the length', () => {
    expect(newTextOf('> forwarded\n> text', 500)).toBe('> forwarded\n> text');
    expect(newTextOf('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('removes control and format characters but keeps newlines and tabs', () => {
    expect(printableText('a\u0007b\u200ec\td\ne')).toBe('abc\td\ne');
  });
});
