import * as z from 'zod';

/**
 * The signaling server's address, wherever it comes from (settings, managed policy): ws:// or
 * wss:// and never credentials in the URL. Kept in a module of its own so host-api and policy
 * share it without importing each other.
 */
export const serverUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be a ws:// or wss:// URL without credentials');
