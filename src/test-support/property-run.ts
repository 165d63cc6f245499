/**
 * Property and fuzz tests run from a fixed seed (printed, so a run can be replayed with
 * FC_SEED=<seed>) within an explicit time budget: on a loaded machine they run fewer cases
 * instead of timing out, yet fail if too few ran to mean anything.
 */
import fc from "fast-check";

export interface PropertyBudget {
  /** The seed this test always starts from, unless FC_SEED says otherwise. */
  seed: number;
  /** Cases to run when time allows. */
  numRuns: number;
  /** Stop starting new cases after this long. */
  timeLimitMs: number;
  /** Fewer cases than this within the time limit fails the test. */
  minRuns: number;
}

/** The Vitest timeout for a property with this budget: its time limit plus room for setup and one slow case. */
export function propertyTimeout(budget: PropertyBudget): number {
  return budget.timeLimitMs + 30_000;
}

/** Checks the property within the budget; throws fast-check's report (with seed and path) on a counterexample. */
export function checkProperty<Ts>(
  name: string,
  property: fc.IProperty<Ts>,
  budget: PropertyBudget,
): void {
  const replay = process.env.FC_SEED;
  const seed = replay ? Number(replay) : budget.seed;
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer seed, not ${replay}`);
  const started = performance.now();
  const details = fc.check(property, {
    seed,
    numRuns: budget.numRuns,
    plugins: [fc.interruptAfterTimeLimit(budget.timeLimitMs)],
  });
  const elapsed = Math.round(performance.now() - started);
  console.log(
    `property "${name}": seed ${seed}, ${details.numRuns} of ${budget.numRuns} cases in ${elapsed} ms (replay: FC_SEED=${seed})`,
  );
  if (details.failed) throw new Error(fc.defaultReportMessage(details));
  if (details.numRuns < budget.minRuns)
    throw new Error(
      `property "${name}": only ${details.numRuns} cases ran within ${budget.timeLimitMs} ms; at least ${budget.minRuns} are needed`,
    );
}
