import { ValidationError } from 'fulfillkit';
import { expect } from 'vitest';

/** Runs `run`, which must throw a `ValidationError`, and returns the issue paths it names. */
export function issuePaths(run: () => unknown): (string | number)[][] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => [...i.path]);
  }
  throw new Error('expected a ValidationError');
}
