import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The heading of each step. It takes focus when the step appears, so keyboard and
 * screen-reader users land on the new step and hear its title.
 */
export function ScreenHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="screen-heading">
      {children}
    </h1>
  );
}
