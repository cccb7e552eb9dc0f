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
    hookTimeout: 60_000,
    server: { deps: { inline: ['electron-store'] } },
  },
});
