import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brandingConfigSchema } from '../shared/branding';
import { APP_ID as SHARED_APP_ID } from '../shared/policy';
import packageJson from '../package.json';
import {
  APP_ID,
  checkAsarListing,
  checkBrandingConfig,
  checkBuilderConfig,
  checkFuseWire,
  findElectronDist,
  loadBuilderConfig,
  type BuilderConfig,
} from './dist-check-lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const fileExists = (relative: string) => existsSync(path.join(root, relative));
const check = (config: BuilderConfig) => checkBuilderConfig(config, { packageJson, fileExists, appId: APP_ID });

describe('the real electron-builder.yml', () => {
  it("passes electron-builder's schema and every Tandem check", async () => {
    const config = await loadBuilderConfig(root);
    expect(check(config)).toEqual({ errors: [], notes: [] });
  });

  it('uses the app id the policy reader expects', () => {
    expect(APP_ID).toBe(SHARED_APP_ID);
  });
});

describe('checkBuilderConfig', () => {
  async function real(): Promise<BuilderConfig> {
    return structuredClone(await loadBuilderConfig(root));
  }

  it('names a missing target, a weakened fuse, an artifact name without arch, a missing protocol', async () => {
    const config = await real();
    config.win = { target: ['nsis'] };
    config.electronFuses = { ...(config.electronFuses as object), runAsNode: true, onlyLoadAppFromAsar: undefined };
    config.artifactName = '${productName}-${version}.${ext}';
    config.msi = { perMachine: true, artifactName: '${productName}.${ext}' };
    config.protocols = [];
    expect(check(config).errors).toEqual([
      'win.target lacks msi',
      'electronFuses.runAsNode must be false (is true)',
      'electronFuses.onlyLoadAppFromAsar must be true (is undefined)',
      'top level: artifactName "${productName}-${version}.${ext}" lacks ${arch}',
      'msi: artifactName "${productName}.${ext}" lacks ${version}',
      'msi: artifactName "${productName}.${ext}" lacks ${arch}',
      'protocols must register the tandem scheme (tandem://join/<code>)',
    ]);
  });

  it('requires per-machine installers, the hardened runtime, entitlements and usage strings', async () => {
    const config = await real();
    config.nsis = {};
    config.mac = { target: ['dmg', 'pkg'], entitlements: 'build/nope.plist', extendInfo: {} };
    expect(check(config).errors).toEqual([
      'nsis.perMachine must be true (installs for every user; silent with /S)',
      'mac.hardenedRuntime must be true (notarization requires it)',
      'mac.entitlements build/nope.plist does not exist',
      'mac.entitlementsInherit is missing',
      'mac.extendInfo.NSMicrophoneUsageDescription is missing',
      'mac.extendInfo.NSCameraUsageDescription is missing',
    ]);
  });

  it('requires the app files, and excludes node_modules and source maps', async () => {
    const config = await real();
    config.files = ['dist/electron/**', 'package.json'];
    expect(check(config).errors).toEqual([
      'files lacks dist/renderer/**',
      'files must exclude node_modules (!node_modules/**): main and preload are bundles',
      'files must exclude source maps (!dist/electron/**/*.map)',
    ]);
  });
});

describe('checkAsarListing', () => {
  const good = [
    '/package.json',
    '/dist',
    '/dist/electron/main.cjs',
    '/dist/electron/preload.cjs',
    '/dist/renderer/index.html',
    '/dist/renderer/assets/index-abc.js',
    '/node_modules/@jitsi',
    '/node_modules/@jitsi/robotjs/index.js',
    '/node_modules/node-gyp-build/index.js',
  ];
  const options = { main: 'dist/electron/main.cjs', devDependencies: Object.keys(packageJson.devDependencies) };

  it('accepts what Tandem ships', () => {
    expect(checkAsarListing(good, options)).toEqual([]);
  });

  it('finds missing entry points, dev dependencies, stray modules, source maps and sources', () => {
    const bad = [...good.filter((file) => file !== '/dist/electron/preload.cjs'), '/node_modules/vitest/index.js', '/node_modules/better-sqlite3/lib/index.js', '/dist/electron/main.cjs.map', '/electron/main/main.ts'];
    expect(checkAsarListing(bad, options)).toEqual([
      'app.asar lacks /dist/electron/preload.cjs',
      'app.asar contains the dev dependency vitest',
      'app.asar contains better-sqlite3, which is not a run-time module (bundle it or add it to RUNTIME_MODULES)',
      'app.asar contains source maps: /dist/electron/main.cjs.map',
      'app.asar contains TypeScript sources: /electron/main/main.ts',
    ]);
    expect(checkAsarListing([...good, '/dist/electron/main.cjs.map'], { ...options, allowSourceMaps: true })).toEqual([]);
  });
});

describe('checkFuseWire', () => {
  it('reads @electron/fuses states (48 off, 49 on)', () => {
    expect(checkFuseWire({ 0: 48, 1: 49, 2: 48, 3: 48, 4: 49, 5: 49 })).toEqual([]);
    expect(checkFuseWire({ 0: 49, 1: 49, 2: 48, 3: 48, 4: 144, 5: 49 })).toEqual([
      'packed binary: fuse runAsNode is true, expected false',
      'packed binary: fuse enableEmbeddedAsarIntegrityValidation is state 144, expected true',
    ]);
  });
});

describe('findElectronDist', () => {
  it('prefers ELECTRON_DIST, else node_modules/electron/dist when it holds a binary, else nothing', () => {
    expect(findElectronDist({ env: { ELECTRON_DIST: '/opt/electron' }, root: '/repo', exists: () => false })).toBe('/opt/electron');
    expect(findElectronDist({ env: {}, root: '/repo', exists: (file) => file === '/repo/node_modules/electron/dist/electron' })).toBe('/repo/node_modules/electron/dist');
    expect(findElectronDist({ env: {}, root: '/repo', exists: () => false })).toBeNull();
  });
});

describe('checkBrandingConfig', () => {
  it('agrees with the branding schema the app uses', () => {
    const samples: unknown[] = [
      {},
      { organizationName: 'Acme', primaryColor: '#123456', accentColor: '#abcdef' },
      { primaryColor: 'red' },
      { logo: 'data:image/svg+xml;base64,AAAA' },
      { logo: 'data:image/png;base64,iVBORw0KGgo=' },
      { organizationName: '' },
      { organizationName: 'x'.repeat(81) },
      { colour: '#123456' },
      [],
    ];
    for (const sample of samples) {
      expect(checkBrandingConfig(sample).length === 0, JSON.stringify(sample)).toBe(brandingConfigSchema.safeParse(sample).success);
    }
  });
});
