import { describe, expect, it } from "vitest";
import { latestWins } from "./latest-wins";

/** A runner whose jobs finish when the test says so. */
function manualRunner() {
  const started: number[] = [];
  const finishers: (() => void)[] = [];
  const run = (request: number) =>
    new Promise<number>((resolve) => {
      started.push(request);
      finishers.push(() => resolve(request * 10));
    });
  const finishNext = async () => {
    finishers.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { run, started, finishNext };
}

describe("latestWins", () => {
  it("runs the first request at once and only the newest of those made meanwhile", async () => {
    const runner = manualRunner();
    const delivered: number[] = [];
    const queue = latestWins(runner.run, (result) => delivered.push(result));
    queue.request(1);
    queue.request(2);
    queue.request(3);
    queue.request(4);
    expect(runner.started).toEqual([1]);
    await runner.finishNext();
    expect(runner.started).toEqual([1, 4]);
    await runner.finishNext();
    expect(delivered).toEqual([10, 40]);
  });

  it("goes on after a failed run, and delivers nothing once stopped", async () => {
    const delivered: number[] = [];
    let calls = 0;
    const queue = latestWins(
      (request: number) =>
        ++calls === 1 ? Promise.reject(new Error("x")) : Promise.resolve(request),
      (result) => delivered.push(result),
    );
    queue.request(1);
    queue.request(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(delivered).toEqual([2]);
    queue.request(3);
    queue.stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(delivered).toEqual([2]);
  });
});
