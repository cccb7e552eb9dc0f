/** The kinds of trouble a help request is about (kept apart so the queue and the intake share them without an import cycle). */
import * as z from 'zod';

export const REQUEST_CATEGORIES = ['virus-malware', 'hardware', 'network', 'printer', 'software', 'account-password', 'other'] as const;
export const requestCategorySchema = z.enum(REQUEST_CATEGORIES);
export type RequestCategory = z.infer<typeof requestCategorySchema>;
