/** A growable ring buffer with O(1) push, unshift and shift: the FIFO part of a priority lane. */
export class Deque<T> {
  private items: (T | undefined)[] = new Array<T | undefined>(16);
  private head = 0;
  private mask = 15;
  /** Number of items held. */
  length = 0;

  /** Appends `item` at the back. */
  push(item: T): void {
    if (this.length > this.mask) this.grow();
    this.items[(this.head + this.length) & this.mask] = item;
    this.length++;
  }

  /** Inserts `item` at the front. */
  unshift(item: T): void {
    if (this.length > this.mask) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.items[this.head] = item;
    this.length++;
  }

  /** Removes and returns the front item, or undefined when empty. */
  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.length--;
    return item;
  }

  /** The front item, or undefined when empty. */
  first(): T | undefined {
    return this.length === 0 ? undefined : this.items[this.head];
  }

  /** The back item, or undefined when empty. */
  last(): T | undefined {
    return this.length === 0 ? undefined : this.items[(this.head + this.length - 1) & this.mask];
  }

  private grow(): void {
    const capacity = this.items.length * 2;
    const next = new Array<T | undefined>(capacity);
    for (let i = 0; i < this.length; i++) next[i] = this.items[(this.head + i) & this.mask];
    this.items = next;
    this.head = 0;
    this.mask = capacity - 1;
  }
}
