// Types for dist-check-lib.mjs (plain JS so that `node scripts/dist-check.mjs` runs without a build step).
export interface BuilderConfig {
  [key: string]: unknown;
}
export interface CheckResult {
  errors: string[];
  notes: string[];
}
export const APP_ID: string;
export const POLICY_TEMPLATES: string[];
export function checkBrandingConfig(value: unknown): string[];
export const REQUIRED_TARGETS: Record<'win' | 'mac' | 'linux', string[]>;
export const REQUIRED_FUSES: Record<string, boolean>;
export const FUSE_INDEX: Record<string, number>;
export const REQUIRED_FILES: string[];
export const RUNTIME_MODULES: string[];
export function targetNames(platformConfig: unknown): string[];
export function checkBuilderConfig(
  config: BuilderConfig,
  options: { packageJson: { main?: unknown }; fileExists: (relativePath: string) => boolean; appId: string },
): CheckResult;
export function checkAsarListing(
  files: string[],
  options: { main: string; devDependencies: string[]; allowSourceMaps?: boolean; runtimeModules?: string[] },
): string[];
export function checkFuseWire(wire: Record<number, number>): string[];
export function findElectronDist(options: { env: Record<string, string | undefined>; root: string; exists: (path: string) => boolean }): string | null;
export function loadBuilderConfig(root: string): Promise<BuilderConfig>;
