/** A promise-chain mutex: tasks run one at a time, in the order they asked. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // The next task waits for this one whether it succeeded or not.
    this.tail = result.then(() => undefined, () => undefined);
    return result;
  }
}
