import { mkdir, rm } from 'node:fs/promises';
import startXvfb from '../e2e/support/global-setup';
import { OUT_DIR } from './record';
import { writeReport } from './report';

/** Xvfb for the whole run (the e2e one); the report is written once every bench file has run. */
export default async function benchSetup(): Promise<() => Promise<void>> {
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });
  const stopXvfb = await startXvfb();
  return async () => {
    await stopXvfb();
    await writeReport();
  };
}
