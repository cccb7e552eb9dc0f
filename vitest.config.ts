import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['{shared,server,electron,renderer,scripts,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Renderer tests opt into jsdom per file with a `@vitest-environment jsdom` comment.
    restoreMocks: true,
    allowOnly: false,
    // Tests assert behaviour, not speed: real engines (redis-server, PostgreSQL) and scrypt
    // hashing on a shared 2-core machine can take seconds, which is not a failure.
    testTimeout: 20_000,
    // Most files wait on real engines, child processes and sockets rather than compute: three
    // workers on two cores took the suite from 376 s to 194 s here (one run each).
    maxWorkers: 3,
    hookTimeout: 60_000,
    server: { deps: { inline: ['electron-store'] } },
  },
});
