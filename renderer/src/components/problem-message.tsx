import type { MessageKey } from '../i18n/i18n';
import { useT } from '../i18n/language-store';
import type { Problem } from '../session/session-state';

const problemText: Record<Problem['kind'], MessageKey> = {
  'wrong-code': 'problem.wrongCode',
  'expired-code': 'problem.expiredCode',
  'used-code': 'problem.usedCode',
  'too-many-attempts': 'problem.tooManyAttempts',
  'rate-limited': 'problem.rateLimited',
  'server-unreachable': 'problem.serverUnreachable',
  protocol: 'problem.protocol',
  'no-screens': 'problem.noScreens',
};

/** A plain-words explanation of what went wrong, announced to screen readers at once. */
export function ProblemMessage({ problem, id }: { problem: Problem; id?: string }) {
  const t = useT();
  const seconds = problem.kind === 'too-many-attempts' ? Math.ceil(problem.retryAfterMs / 1000) : 0;
  return (
    <p className="problem" role="alert" id={id} data-testid="problem" data-problem={problem.kind}>
      {t(problemText[problem.kind], { seconds })}
    </p>
  );
}
