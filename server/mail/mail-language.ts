/**
 * Which of the app's two languages to answer a mail in, when the deployment lets the mail decide
 * (MAIL_LANGUAGE=auto): the Content-Language header if it names one, else a count of common
 * French words against common English ones. English when nothing tells.
 */
export type MailLanguage = 'fr' | 'en';

const FRENCH = new Set(['bonjour', 'merci', 'je', 'mon', 'ma', 'mes', 'ne', 'pas', 'est', 'une', 'le', 'la', 'les', 'et', 'pour', 'avec', 'plus', 'ordinateur', 'imprimante', 'marche', 'depuis', 'cordialement', 'vous', 'nous', 'sur', 'dans']);
const ENGLISH = new Set(['hello', 'hi', 'thanks', 'thank', 'i', 'my', 'not', 'is', 'the', 'a', 'and', 'for', 'with', 'computer', 'printer', 'working', 'since', 'regards', 'you', 'we', 'on', 'in', 'it', 'does', 'doesn']);

export function mailLanguage(text: string, contentLanguage: string | undefined): MailLanguage {
  const declared = contentLanguage?.trim().toLowerCase().slice(0, 2);
  if (declared === 'fr' || declared === 'en') return declared;
  let french = 0;
  let english = 0;
  for (const word of text.toLowerCase().slice(0, 4000).split(/[^\p{L}]+/u)) {
    if (FRENCH.has(word)) french += 1;
    if (ENGLISH.has(word)) english += 1;
  }
  return french > english ? 'fr' : 'en';
}
