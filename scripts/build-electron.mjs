// Bundles the Electron main process and the preload with esbuild.
//   dist/electron/main.cjs     Node (Electron's main), CommonJS; only `electron` and the native robot module stay external.
//   dist/electron/preload.cjs  runs in a sandboxed renderer, where `require` knows only
//                              `electron` (and a few polyfills): anything else would fail at
//                              run time, so the build fails instead.
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');
const production = process.env.NODE_ENV === 'production';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22', // Electron 45 ships Node 22.
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  metafile: true,
  outExtension: { '.js': '.cjs' },
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

const [main, preload] = await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { main: 'electron/main/main.ts' },
    outdir,
    // @jitsi/robotjs finds its prebuilt .node file next to its own package: it must stay a
    // real module in node_modules (electron-builder unpacks it from the asar).
    external: ['electron', '@jitsi/robotjs'],
  }),
  esbuild.build({
    ...common,
    entryPoints: { preload: 'electron/preload/preload.ts' },
    outdir,
    external: ['electron'],
  }),
]);

const externalImports = (result) =>
  Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.external).map((entry) => entry.path));

const preloadExternals = [...new Set(externalImports(preload))];
if (preloadExternals.some((name) => name !== 'electron')) {
  throw new Error(`The sandboxed preload may require only 'electron', but imports: ${preloadExternals.join(', ')}`);
}

for (const [name, result] of [['main', main], ['preload', preload]]) {
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.map')) process.stdout.write(`${name}: ${file} ${(output.bytes / 1024).toFixed(1)} kB\n`);
  }
}
