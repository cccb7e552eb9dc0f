import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['{shared,server,electron,renderer,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Renderer tests opt into jsdom per file with a `@vitest-environment jsdom` comment.
    restoreMocks: true,
    allowOnly: false,
    server: { deps: { inline: ['electron-store'] } },
  },
});
