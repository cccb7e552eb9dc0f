// `npm run dist:check`: validates the packaging configuration and, when an Electron build
// folder is available (ELECTRON_DIST, or node_modules/electron/dist with a binary), packs the
// app for this platform (`electron-builder --dir`) and inspects what would ship.
//
//   --allow-source-maps   accept .map files inside app.asar
//   --no-build            pack the current dist/ instead of running `npm run build` first
//
// Exit code: 0 when everything checkable passed (packing skipped is not a failure), 1 otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import {
  APP_ID,
  checkAsarListing,
  checkBrandingConfig,
  checkBuilderConfig,
  checkFuseWire,
  findElectronDist,
  loadBuilderConfig,
  POLICY_TEMPLATES,
} from './dist-check-lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const allowSourceMaps = args.has('--allow-source-maps');
const out = (line = '') => process.stdout.write(`${line}\n`);
const fail = (errors) => {
  for (const error of errors) out(`  ✗ ${error}`);
  out(`\ndist:check FAILED (${errors.length} problem${errors.length === 1 ? '' : 's'})`);
  process.exit(1);
};

const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const fileExists = (relative) => existsSync(path.join(root, relative));

out('dist:check — packaging configuration');
let config;
try {
  config = await loadBuilderConfig(root);
  out("  ✓ electron-builder.yml loads and matches electron-builder's schema");
} catch (error) {
  fail([`electron-builder.yml: ${error instanceof Error ? error.message : String(error)}`]);
}
const { errors, notes } = checkBuilderConfig(config, { packageJson, fileExists, appId: APP_ID });
for (const template of POLICY_TEMPLATES) {
  if (!fileExists(template)) errors.push(`${template} is missing (policy templates ship with every release)`);
}
errors.push(...checkBrandingConfig(JSON.parse(readFileSync(path.join(root, 'build', 'branding.json'), 'utf8'))).map((error) => `build/branding.json: ${error}`));
for (const note of notes) out(`  • ${note}`);
if (errors.length > 0) fail(errors);
out('  ✓ targets: win nsis+msi (per machine), mac dmg+pkg (hardened runtime, entitlements), linux deb+rpm+AppImage');
out('  ✓ fuses, artifact names (version and arch), tandem:// protocol, files and asarUnpack, policy templates, branding');

const electronDist = findElectronDist({ env: process.env, root, exists: existsSync });
if (electronDist === null) {
  out('\nNo Electron build folder here (set ELECTRON_DIST to one, or install Electron with its binary).');
  out('SKIPPED: packing the app and checking app.asar and the fuses. Only the configuration was verified.');
  out('\ndist:check passed (configuration only)');
  process.exit(0);
}

out(`\ndist:check — packing with the Electron build in ${electronDist}`);
const run = (file, argv, env = {}) => {
  const result = spawnSync(file, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) fail([`${path.basename(file)} ${argv.join(' ')} exited with ${result.status ?? result.signal}`]);
};
if (!args.has('--no-build')) {
  // npm sets npm_execpath to its own CLI script: no shell needed on any platform.
  if (!process.env.npm_execpath) fail(['run this through `npm run dist:check`, or build first and pass --no-build']);
  run(process.execPath, [process.env.npm_execpath, 'run', 'build']);
}

const output = mkdtempSync(path.join(tmpdir(), 'tandem-dist-check-'));
try {
  const platformFlag = { win32: '--win', darwin: '--mac' }[process.platform] ?? '--linux';
  const require = createRequire(path.join(root, 'package.json'));
  run(process.execPath, [require.resolve('electron-builder/cli.js'), platformFlag, 'dir', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`]);

  const found = [];
  const walk = (dir, depth) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (entry === 'app.asar') found.push(full);
      else if (depth < 6 && statSync(full).isDirectory() && !entry.endsWith('.asar.unpacked')) walk(full, depth + 1);
    }
  };
  walk(output, 0);
  if (found.length === 0) fail([`no app.asar under ${output}`]);

  const asar = require('@electron/asar');
  const problems = [];
  for (const archive of found) {
    const files = asar.listPackage(archive, { isPack: false });
    out(`  • ${path.relative(output, archive)}: ${files.length} entries`);
    problems.push(...checkAsarListing(files, { main: packageJson.main, devDependencies: Object.keys(packageJson.devDependencies ?? {}), allowSourceMaps }));
    const binary = findAppBinary(path.dirname(path.dirname(archive)), config.linux?.executableName ?? config.productName);
    if (binary === null) problems.push('could not find the packed executable to read its fuses');
    else {
      const { getCurrentFuseWire } = require('@electron/fuses');
      problems.push(...checkFuseWire(await getCurrentFuseWire(binary)));
    }
  }
  if (problems.length > 0) fail(problems);
  out('  ✓ app.asar holds main, preload and the renderer; no dev dependencies, no stray modules' + (allowSourceMaps ? '' : ', no source maps'));
  out('  ✓ packed binary: fuses flipped as configured');
  out('\ndist:check passed (configuration and packed app)');
} finally {
  rmSync(output, { recursive: true, force: true });
}

/** The executable (or .app) next to resources/, for reading its fuse wire. */
function findAppBinary(appDir, executableName) {
  if (appDir.endsWith(path.join('Contents'))) return path.dirname(appDir);
  const candidates = [executableName, `${executableName}.exe`, 'tandem', 'Tandem', 'Tandem.exe'];
  for (const name of candidates) {
    if (name && existsSync(path.join(appDir, name))) return path.join(appDir, name);
  }
  return null;
}
