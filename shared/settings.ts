/** The user's own settings (language, server, name, quick replies), as the host stores them. */
import * as z from 'zod';
import { organisationSlugSchema } from './names';
import { serverUrlSchema } from './server-url';

export const languageSchema = z.enum(['fr', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const settingsSchema = z.strictObject({
  language: z.enum(['system', 'fr', 'en']),
  serverUrl: serverUrlSchema,
  consultantName: z.string().max(60),
  /** The organisation whose help queue "Ask for help" goes to (its slug); '' or absent: ask the user. */
  organisation: z.union([z.literal(''), organisationSlugSchema]).optional(),
  /** The consultant's own quick replies; absent or empty: Tandem's, in the interface language. */
  quickReplies: z.array(z.string().trim().min(1).max(200)).max(10).optional(),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
