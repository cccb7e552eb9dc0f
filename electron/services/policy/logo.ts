/** The organisation logo: inline data URL or an image file, always handed to the UI as a bounded data URL. */
import { MAX_LOGO_BYTES } from '../../../shared/policy';
import { untrustedFileReason, type PolicyFs } from './types';

type ImageType = 'png' | 'jpeg' | 'webp';

/** Trust the bytes, not the name or the declared type: only real PNG, JPEG or WebP get through. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return null;
}

export type LogoResult = { ok: true; dataUrl: string } | { ok: false; reason: string };

function fromBytes(bytes: Uint8Array, declared?: string): LogoResult {
  if (bytes.length === 0 || bytes.length > MAX_LOGO_BYTES) return { ok: false, reason: `size ${bytes.length} not within 1..${MAX_LOGO_BYTES} bytes` };
  const type = sniffImage(bytes);
  if (type === null) return { ok: false, reason: 'not a PNG, JPEG or WebP image' };
  if (declared !== undefined && declared !== type) return { ok: false, reason: `declared ${declared} but is ${type}` };
  return { ok: true, dataUrl: `data:image/${type};base64,${Buffer.from(bytes).toString('base64')}` };
}

export async function loadLogo(ref: string, fs: PolicyFs, options: { requireRootOwned: boolean }): Promise<LogoResult> {
  if (ref.startsWith('data:')) {
    const match = /^data:image\/(png|jpeg|webp);base64,(.*)$/.exec(ref);
    if (!match) return { ok: false, reason: 'unsupported data URL' };
    return fromBytes(Buffer.from(match[2] ?? '', 'base64'), match[1]);
  }
  try {
    const stat = await fs.stat(ref);
    if (stat === null) return { ok: false, reason: 'file not found' };
    // Same rule as the policy file: a logo any local account can replace could impersonate IT.
    const untrusted = options.requireRootOwned ? untrustedFileReason(stat) : stat.isFile ? null : 'not a regular file';
    if (untrusted !== null) return { ok: false, reason: `refused: ${untrusted}` };
    if (stat.size > MAX_LOGO_BYTES) return { ok: false, reason: `larger than ${MAX_LOGO_BYTES} bytes` };
    return fromBytes(await fs.readFile(ref));
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
