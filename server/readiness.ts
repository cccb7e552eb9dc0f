/**
 * /readyz: is this instance able to serve? Each dependency is one named check (Redis, the
 * database, whatever the composition root plugs in); a check that throws or takes longer than
 * its time is `down` and makes the whole answer 503, so the balancer sends nobody here.
 * Liveness (/healthz) is separate: a dependency outage must not get the process restarted.
 */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export type DependencyState = 'ok' | 'off' | 'down';

export interface ReadinessReport {
  ready: boolean;
  dependencies: Record<string, DependencyState>;
}

export const READINESS_TIMEOUT_MS = 1000;

/** `off`: dependencies this deployment does not use (Redis on a single server), reported but never failing. */
export async function checkReadiness(checks: readonly ReadinessCheck[], off: readonly string[] = [], timeoutMs = READINESS_TIMEOUT_MS): Promise<ReadinessReport> {
  // Filled in a fixed order (off first, then the checks'), whichever check answers first.
  const dependencies: Record<string, DependencyState> = Object.fromEntries([...off.map((name) => [name, 'off'] as const), ...checks.map(({ name }) => [name, 'down'] as const)]);
  await Promise.all(
    checks.map(async (dependency) => {
      const { name } = dependency;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
      });
      try {
        await Promise.race([dependency.check(), late]);
        dependencies[name] = 'ok';
      } catch {
        dependencies[name] = 'down';
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: Object.values(dependencies).every((state) => state !== 'down'), dependencies };
}
