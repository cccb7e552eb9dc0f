/**
 * Branding: organisation name, logo and colours, from the managed policy (per machine) or
 * from build/branding.json (baked into a custom build). The UI gets one resolved object.
 */
import * as z from 'zod';
import { colorSchema, logoDataUrlSchema, organizationNameSchema, type ManagedBranding } from './policy';

/** build/branding.json. Every key optional; unknown keys rejected so typos are caught at build time. */
export const brandingConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  organizationName: organizationNameSchema.optional(),
  logo: logoDataUrlSchema.optional(),
  primaryColor: colorSchema.optional(),
  accentColor: colorSchema.optional(),
});
export type BrandingConfig = z.infer<typeof brandingConfigSchema>;

export type BrandingOrigin = 'policy' | 'build' | 'default';

export interface Branding {
  organizationName: string | null;
  /** PNG/JPEG/WebP data URL, or null. */
  logo: string | null;
  /** Buttons and links (the renderer's --accent). */
  primaryColor: string;
  /** Hover and pressed states (the renderer's --accent-strong). */
  accentColor: string;
  /** Text on primaryColor: black or white, whichever contrasts more (always ≥ 4.5:1). */
  onPrimaryColor: string;
  /** Where each value came from, for support ("why is it purple?"). */
  origin: { organizationName: BrandingOrigin; logo: BrandingOrigin; primaryColor: BrandingOrigin; accentColor: BrandingOrigin };
}

export const DEFAULT_BRANDING = { primaryColor: '#176b5b', accentColor: '#0f5246' } as const;

function channel(hex: string, index: number): number {
  const value = parseInt(hex.slice(1 + index * 2, 3 + index * 2), 16) / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of #rrggbb. */
export function relativeLuminance(hex: string): number {
  return 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Policy first (IT's choice for this machine), then the build's configuration, then Tandem's own. */
export function resolveBranding(policy: ManagedBranding, build: BrandingConfig): Branding {
  const pick = <T>(fromPolicy: T | null, fromBuild: T | undefined, fallback: T): [T, BrandingOrigin] =>
    fromPolicy !== null ? [fromPolicy, 'policy'] : fromBuild !== undefined ? [fromBuild, 'build'] : [fallback, 'default'];
  const [organizationName, nameOrigin] = pick<string | null>(policy.organizationName, build.organizationName, null);
  const [logo, logoOrigin] = pick<string | null>(policy.logo, build.logo, null);
  const [primaryColor, primaryOrigin] = pick<string>(policy.primaryColor, build.primaryColor, DEFAULT_BRANDING.primaryColor);
  const [accentColor, accentOrigin] = pick<string>(policy.accentColor, build.accentColor, DEFAULT_BRANDING.accentColor);
  const onPrimaryColor = contrastRatio(primaryColor, '#ffffff') >= contrastRatio(primaryColor, '#000000') ? '#ffffff' : '#000000';
  return {
    organizationName,
    logo,
    primaryColor: primaryColor.toLowerCase(),
    accentColor: accentColor.toLowerCase(),
    onPrimaryColor,
    origin: { organizationName: nameOrigin, logo: logoOrigin, primaryColor: primaryOrigin, accentColor: accentOrigin },
  };
}
