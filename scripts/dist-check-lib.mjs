// The checks behind `npm run dist:check`, importable for tests (types: dist-check-lib.d.mts).
// Pure functions over plain data; the script (dist-check.mjs) does the I/O.
import { createRequire } from 'node:module';
import path from 'node:path';

/** Must equal APP_ID in shared/policy.ts (a test checks): macOS managed preferences are keyed by it. */
export const APP_ID = 'org.tandem.app';

export const POLICY_TEMPLATES = [
  'build/policy-templates/windows/tandem.admx',
  'build/policy-templates/windows/en-US/tandem.adml',
  'build/policy-templates/windows/fr-FR/tandem.adml',
  'build/policy-templates/macos/org.tandem.app.mobileconfig',
  'build/policy-templates/linux/policy.json',
  'build/entitlements.mac.plist',
];

export const REQUIRED_TARGETS = { win: ['nsis', 'msi'], mac: ['dmg', 'pkg'], linux: ['deb', 'rpm', 'AppImage'] };

/** STYLE.md "Secure defaults": the packaged binary is no Node runtime, no debugger, and runs only its own asar. */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
};

/** Fuse wire index of each required fuse (@electron/fuses FuseV1Options). */
export const FUSE_INDEX = {
  runAsNode: 0,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
};

export const REQUIRED_FILES = ['dist/electron/**', 'dist/renderer/**', 'package.json'];
/** Modules the app loads at run time from node_modules (everything else is bundled). */
export const RUNTIME_MODULES = ['@jitsi/robotjs', 'node-gyp-build'];

const asArray = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** Target names of a platform block: strings or { target } objects. */
export function targetNames(platformConfig) {
  return asArray(platformConfig?.target).map((entry) => (typeof entry === 'string' ? entry : entry?.target)).filter((name) => typeof name === 'string');
}

function checkArtifactName(name, where, errors) {
  if (typeof name !== 'string') return;
  for (const macro of ['${version}', '${arch}']) {
    if (!name.includes(macro)) errors.push(`${where}: artifactName "${name}" lacks ${macro}`);
  }
}

/**
 * Checks electron-builder's configuration for what Tandem's deployment needs.
 * @returns {{ errors: string[]; notes: string[] }}
 */
export function checkBuilderConfig(config, { packageJson, fileExists, appId }) {
  const errors = [];
  const notes = [];
  if (config.appId !== appId) errors.push(`appId is "${config.appId}", expected "${appId}" (macOS managed preferences are read for that id)`);
  if (!config.productName) errors.push('productName is missing');

  for (const [platform, required] of Object.entries(REQUIRED_TARGETS)) {
    const names = targetNames(config[platform]);
    for (const target of required) {
      if (!names.includes(target)) errors.push(`${platform}.target lacks ${target}`);
    }
  }

  if (config.nsis?.perMachine !== true) errors.push('nsis.perMachine must be true (installs for every user; silent with /S)');
  if (config.msi?.perMachine !== true) errors.push('msi.perMachine must be true (msiexec /qn deploys for every user)');
  if (config.nsis?.include && !fileExists(config.nsis.include)) errors.push(`nsis.include ${config.nsis.include} does not exist`);

  const mac = config.mac ?? {};
  if (mac.hardenedRuntime !== true) errors.push('mac.hardenedRuntime must be true (notarization requires it)');
  for (const key of ['entitlements', 'entitlementsInherit']) {
    if (typeof mac[key] !== 'string') errors.push(`mac.${key} is missing`);
    else if (!fileExists(mac[key])) errors.push(`mac.${key} ${mac[key]} does not exist`);
  }
  for (const key of ['NSMicrophoneUsageDescription', 'NSCameraUsageDescription']) {
    if (typeof mac.extendInfo?.[key] !== 'string' || mac.extendInfo[key].length === 0) errors.push(`mac.extendInfo.${key} is missing`);
  }
  if (mac.notarize === false) errors.push('mac.notarize is false: notarization must stay driven by APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID');

  const fuses = config.electronFuses ?? {};
  for (const [fuse, expected] of Object.entries(REQUIRED_FUSES)) {
    if (fuses[fuse] !== expected) errors.push(`electronFuses.${fuse} must be ${expected} (is ${fuses[fuse]})`);
  }
  if (config.asar === false) errors.push('asar must not be false (onlyLoadAppFromAsar and asar integrity need it)');

  checkArtifactName(config.artifactName, 'top level', errors);
  if (typeof config.artifactName !== 'string') errors.push('artifactName is missing at the top level');
  for (const key of ['win', 'nsis', 'msi', 'mac', 'dmg', 'pkg', 'linux', 'deb', 'rpm', 'appImage']) checkArtifactName(config[key]?.artifactName, key, errors);

  const schemes = asArray(config.protocols).flatMap((protocol) => asArray(protocol?.schemes));
  if (!schemes.includes('tandem')) errors.push('protocols must register the tandem scheme (tandem://join/<code>)');

  // Strings, or file sets ({ from, to, filter }) as electron-builder's loader normalises them;
  // only sets that copy from the project root count.
  const files = asArray(config.files).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : entry && (entry.from === undefined || entry.from === '.') && entry.to === undefined ? asArray(entry.filter) : [],
  );
  for (const pattern of REQUIRED_FILES) {
    if (!files.includes(pattern)) errors.push(`files lacks ${pattern}`);
  }
  if (!files.includes('!node_modules/**')) errors.push('files must exclude node_modules (!node_modules/**): main and preload are bundles');
  if (!files.some((entry) => entry.startsWith('!') && entry.endsWith('.map'))) errors.push('files must exclude source maps (!dist/electron/**/*.map)');
  if (!asArray(config.asarUnpack).includes('**/*.node')) errors.push('asarUnpack must include **/*.node (native addons cannot load from an asar)');

  const main = packageJson.main;
  if (typeof main !== 'string' || !main.startsWith('dist/electron/')) errors.push(`package.json main (${main}) must point into dist/electron/`);

  const publish = asArray(config.publish)[0];
  if (!publish || publish.provider !== 'generic') notes.push('publish: no generic provider, so no latest.yml for electron-updater is written');
  return { errors, notes };
}

/**
 * A light copy of shared/branding.ts's brandingConfigSchema (this script runs without a
 * TypeScript step); a test keeps the two in agreement.
 * @returns {string[]} errors
 */
export function checkBrandingConfig(value) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['must be a JSON object'];
  const errors = [];
  const rules = {
    $schema: (v) => typeof v === 'string',
    organizationName: (v) => typeof v === 'string' && v.trim().length >= 1 && v.trim().length <= 80 && !/[\p{Cc}\uFFFD]/u.test(v),
    logo: (v) => typeof v === 'string' && v.length <= 174828 && /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/.test(v),
    primaryColor: (v) => typeof v === 'string' && /^#[0-9a-fA-F]{6}$/.test(v),
    accentColor: (v) => typeof v === 'string' && /^#[0-9a-fA-F]{6}$/.test(v),
  };
  for (const [key, v] of Object.entries(value)) {
    const rule = rules[key];
    if (!rule) errors.push(`unknown key ${key}`);
    else if (!rule(v)) errors.push(`invalid ${key}`);
  }
  return errors;
}

const moduleOf = (file) => {
  // "/node_modules/@scope" alone is a folder entry, not a module.
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/@][^/]*)/.exec(file);
  return match ? match[1] : null;
};

/**
 * Checks the file list of a packed app.asar (paths as @electron/asar lists them, "/dist/…").
 * @returns {string[]} errors
 */
export function checkAsarListing(files, { main, devDependencies, allowSourceMaps = false, runtimeModules = RUNTIME_MODULES }) {
  const errors = [];
  const set = new Set(files.map((file) => file.replaceAll('\\', '/')));
  const required = ['/package.json', `/${main}`, '/dist/electron/preload.cjs', '/dist/renderer/index.html'];
  for (const file of required) {
    if (!set.has(file)) errors.push(`app.asar lacks ${file}`);
  }
  if (![...set].some((file) => /^\/dist\/renderer\/assets\/[^/]+\.js$/.test(file))) errors.push('app.asar lacks the renderer bundle (/dist/renderer/assets/*.js)');
  const modules = new Set([...set].map(moduleOf).filter((name) => name !== null));
  for (const name of modules) {
    if (devDependencies.includes(name)) errors.push(`app.asar contains the dev dependency ${name}`);
    else if (!runtimeModules.includes(name)) errors.push(`app.asar contains ${name}, which is not a run-time module (bundle it or add it to RUNTIME_MODULES)`);
  }
  if (!allowSourceMaps) {
    const maps = [...set].filter((file) => file.endsWith('.map'));
    if (maps.length > 0) errors.push(`app.asar contains source maps: ${maps.slice(0, 5).join(', ')}${maps.length > 5 ? '…' : ''}`);
  }
  const sources = [...set].filter((file) => !file.includes('/node_modules/') && /\.(ts|tsx)$/.test(file));
  if (sources.length > 0) errors.push(`app.asar contains TypeScript sources: ${sources.slice(0, 5).join(', ')}`);
  return errors;
}

/**
 * Checks a fuse wire as @electron/fuses' getCurrentFuseWire returns it (index → 48 '0' off, 49 '1' on).
 * @returns {string[]} errors
 */
export function checkFuseWire(wire) {
  const errors = [];
  for (const [fuse, expected] of Object.entries(REQUIRED_FUSES)) {
    const state = wire[FUSE_INDEX[fuse]];
    const actual = state === 49 ? true : state === 48 ? false : undefined;
    if (actual !== expected) errors.push(`packed binary: fuse ${fuse} is ${actual ?? `state ${state}`}, expected ${expected}`);
  }
  return errors;
}

/** Where an Electron build folder is (ELECTRON_DIST, or node_modules/electron/dist with a binary), or null. */
export function findElectronDist({ env, root, exists }) {
  if (env.ELECTRON_DIST) return path.resolve(root, env.ELECTRON_DIST);
  const dist = path.join(root, 'node_modules', 'electron', 'dist');
  const binaries = ['electron', 'electron.exe', 'Electron.app'];
  return binaries.some((name) => exists(path.join(dist, name))) ? dist : null;
}

/** electron-builder's own loader and JSON-schema validation (app-builder-lib, pinned with electron-builder). */
export async function loadBuilderConfig(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const config = await getConfig(root, null, null);
  await validateConfiguration(config, { isEnabled: false, add() {} });
  return config;
}
